import Foundation
import GRDB
import SupervisionBusTesting
import SupervisionProtocol
import Testing

@testable import SupervisionBus

@Suite("Store audit of a copied store file")
struct StoreAuditTests {
    /// market, fire and education append tests in batches of 7; market also sends three
    /// findings (seqs 31–33): two `fire-safety` ones that reach education withheld and one
    /// `education` one it may read. Education's store is the one audited.
    static func populated() throws -> AuditBus {
        let bus = try AuditBus()
        try bus.appendTests("market", count: 30)
        try bus.append(
            "market", kind: .finding,
            ["fire-safety:blocked exit \(UUID())", "education:no first-aid kit \(UUID())", "fire-safety:\(UUID())"])
        try bus.appendTests("fire", count: 40)
        try bus.appendTests("education", count: 20)
        #expect(bus.converge())
        return bus
    }

    func audit(_ path: String, _ bus: AuditBus) throws -> StoreAuditReport {
        try StoreAudit(anchor: try bus.anchor, categorize: AuditBus.categorize).run(store: path)
    }

    /// The failures of every check but `check`.
    func otherFailures(_ report: StoreAuditReport, except check: AuditCheck) -> Int {
        report.tallies.filter { $0.check != check }.reduce(0) { $0 + $1.failed }
    }

    @Test("an intact copy has no break, and every check counted what it saw")
    func intact() throws {
        let bus = try Self.populated()
        let store = bus.stores["education"]!
        let report = try audit(try bus.copyStore("education", to: "copy.sqlite"), bus)
        #expect(report.firstBreak == nil, "\(report.summary)")
        #expect(report.intact && report.complete)
        #expect(report.department == "education" && report.schema == 2)
        #expect(report.verifiedMemberships == [1] && report.signingKeys == 3)
        #expect(report.origins.map(\.origin) == ["education", "fire", "market"])
        #expect(report.origins.map(\.events) == [20, 40, 33])
        #expect(report.origins.map(\.withheldPayloads) == [0, 0, 2])
        let checkpoints = try AuditBus.departments.map { try store.checkpoints(origin: $0).count }
        #expect(report.origins.map(\.checkpoints) == checkpoints)
        #expect(report.tally(.sequence).checked == 93)
        #expect(report.tally(.chain).checked == 93)
        #expect(report.tally(.eventHash).checked == 93)
        #expect(report.tally(.payloadHash).checked == 91, "withheld payloads are not hashed")
        #expect(report.tally(.dataRights).checked == 40 + 30 + 1, "fire's and market's present payloads")
        #expect(report.tally(.dataRights).unknown == 0)
        #expect(report.tally(.checkpointHash).checked == checkpoints.reduce(0, +))
        #expect(report.tally(.checkpointSignature).checked == checkpoints.reduce(0, +))
        #expect(report.tally(.checkpointContinuity).checked == 3)
        #expect(report.tally(.membership).checked == 1)
        #expect(report.tallies.allSatisfy { $0.failed == 0 })
        #expect(report.summary.hasPrefix("INTACT"))
        let json = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(StoreAuditReport.self, from: json) == report)
    }

    @Test("evidence of an equivocation is listed and its signature checked; the store stays intact")
    func equivocationEvidence() throws {
        let bus = try Self.populated()
        // market's key signs another event at market's seq 1: what a twin would send.
        let key = bus.keys["market"]!.signingKeys[0]!
        let other = EventEnvelope(
            origin: "market", seq: 1, prevHash: .zero, timestampMs: 1, kind: .test, payload: Array("twin".utf8))
        let forked = EventBatch(
            origin: "market", events: [other],
            checkpoint: try key.signCheckpoint(origin: "market", seq: 1, eventHash: other.computeHash(), keyID: 0))
        bus.nodes["education"]!.receive([(peer: "fire", message: .batch(forked))], nowMs: bus.nowMs + 1)
        #expect(bus.nodes["education"]!.equivocatedOrigins == ["market"])
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        let report = try audit(copy, bus)
        #expect(report.intact, "\(report.summary)")
        #expect(report.equivocations.count == 1)
        let evidence = try #require(report.equivocations.first)
        #expect(evidence.origin == "market" && evidence.seq == 1 && evidence.peer == "fire")
        #expect(evidence.otherHash == other.computeHash().hex && evidence.problem == nil)
        #expect(report.summary.contains("EQUIVOCATION: market signed two different events at seq 1"))
        // Evidence signed by another key proves nothing, and the audit says so.
        let forgedBatch = EventBatch(
            origin: "market", events: [other],
            checkpoint: try SigningKey().signCheckpoint(
                origin: "market", seq: 1, eventHash: other.computeHash(), keyID: 0))
        try StoreFile.execute(
            "UPDATE equivocations SET batch = ?", arguments: [Data(BusMessage.batch(forgedBatch).serializedBytes())],
            on: copy)
        let forged = try #require(try audit(copy, bus).equivocations.first)
        #expect(forged.problem?.contains("does not verify") == true, "\(forged.problem ?? "nil")")
    }

    @Test("a flipped byte in one payload breaks the payload hash at exactly that event")
    func flippedPayloadByte() throws {
        let bus = try Self.populated()
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        #expect(try StoreFile.flip(bus.payloads["market"]![10]!, offset: 9, in: copy) >= 1)
        let report = try audit(copy, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .payloadHash && found.origin == "market" && found.seq == 10, "\(found)")
        #expect(report.tally(.payloadHash).failed == 1)
        #expect(otherFailures(report, except: .payloadHash) == 0, "the event hash covers only the payload hash")
        #expect(report.summary.hasPrefix("BREAK at market seq 10: payload-hash check failed"))
    }

    @Test("a flipped byte in a checkpoint signature breaks that checkpoint")
    func flippedSignatureByte() throws {
        let bus = try Self.populated()
        let checkpoint = try bus.stores["education"]!.checkpoints(origin: "fire")[1]
        #expect(checkpoint.seq == 14)
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        #expect(try StoreFile.flip(checkpoint.signature, offset: 20, in: copy) >= 1)
        let report = try audit(copy, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .checkpointSignature && found.origin == "fire" && found.seq == 14, "\(found)")
        #expect(report.tally(.checkpointSignature).failed == 1)
        #expect(otherFailures(report, except: .checkpointSignature) == 0)
    }

    @Test("a deleted event row is a gap at its seq")
    func deletedRow() throws {
        let bus = try Self.populated()
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        try StoreFile.execute("DELETE FROM events WHERE origin = 'fire' AND seq = 5", on: copy)
        let report = try audit(copy, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .sequence && found.origin == "fire" && found.seq == 5, "\(found)")
        #expect(found.found == "no event 5: the next held is 6")
        #expect(report.tally(.sequence).failed == 1)
        #expect(report.tally(.chain).unknown == 1, "event 6 has no predecessor to chain to")
        #expect(otherFailures(report, except: .sequence) == 0)
    }

    @Test("deleting the last event leaves its checkpoint over nothing and the log unsigned at its end")
    func deletedLastRow() throws {
        let bus = try Self.populated()
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        try StoreFile.execute("DELETE FROM events WHERE origin = 'education' AND seq = 20", on: copy)
        let report = try audit(copy, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .checkpointHash && found.origin == "education" && found.seq == 20, "\(found)")
        #expect(report.tally(.checkpointContinuity).failed == 1)
    }

    @Test("an altered event field breaks its event hash, and the chain at the next event")
    func alteredField() throws {
        let bus = try Self.populated()
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        try StoreFile.execute(
            "UPDATE events SET timestamp_ms = timestamp_ms + 1 WHERE origin = 'fire' AND seq = 20", on: copy)
        let report = try audit(copy, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .eventHash && found.origin == "fire" && found.seq == 20, "\(found)")
        #expect(report.tally(.eventHash).failed == 1)
        #expect(report.tally(.chain).failed == 1, "event 21 names the original hash of event 20")
        #expect(otherFailures(report, except: .eventHash) == 1)
    }

    @Test("a value of the wrong type is a store break at its row, and the rest is still audited")
    func wrongType() throws {
        let bus = try Self.populated()
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        try StoreFile.execute("UPDATE events SET hash = 'not a hash' WHERE origin = 'market' AND seq = 2", on: copy)
        let report = try audit(copy, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .store && found.origin == "market" && found.seq == 2, "\(found)")
        #expect(found.found == "hash is not a 32-byte blob")
        #expect(report.complete && report.tally(.sequence).checked == 93)
        #expect(report.tally(.eventHash).checked == 92 && report.tally(.eventHash).unknown == 1)
        #expect(report.tally(.chain).unknown == 2, "the unreadable row, and event 3 that follows it")
        #expect(otherFailures(report, except: .store) == 0)

        // A bad checkpoint row is reported at its seq: after the events before it.
        let ordered = try bus.copyStore("education", to: "ordered.sqlite")
        try StoreFile.execute(
            """
            UPDATE checkpoints SET key_id = -1 WHERE origin = 'fire' AND seq = 14;
            UPDATE events SET hash = x'00' WHERE origin = 'fire' AND seq = 10;
            """, on: ordered)
        let both = try audit(ordered, bus)
        #expect(both.firstBreak?.seq == 10 && both.firstBreak?.found == "hash is not a 32-byte blob")
        #expect(both.tally(.store).failed == 2 && both.tally(.checkpointSignature).unknown == 1)
    }

    @Test("a copy of the main file alone, without the WAL, is reported with what to copy")
    func mainFileWithoutWAL() throws {
        let bus = try Self.populated()
        let store = bus.storePath("education")
        let walSize = try FileManager.default.attributesOfItem(atPath: store + "-wal")[.size] as? Int ?? 0
        #expect(walSize > 0, "the events are still in the WAL")
        let copy = bus.directory.appendingPathComponent("main-only.sqlite").path
        try FileManager.default.copyItem(atPath: store, toPath: copy)
        let report = try audit(copy, bus)
        #expect(report.firstBreak?.check == .store)
        #expect(report.firstBreak?.found.contains("Copy store.sqlite-wal with it") == true, "\(report.summary)")
    }

    @Test("a payload present that its membership version did not allow is a data-rights break")
    func payloadNotAllowed() throws {
        let bus = try Self.populated()
        let withheld = try bus.stores["education"]!.events(origin: "market", from: 31, through: 31)
        #expect(withheld.first?.isPayloadWithheld == true)
        let copy = try bus.copyStore("education", to: "copy.sqlite")
        // The store now holds the fire-safety finding education was never entitled to: the hash
        // chain still verifies (it is the origin's payload), only the rights do not.
        try StoreFile.execute(
            "UPDATE events SET payload = ? WHERE origin = 'market' AND seq = 31",
            arguments: [Data(bus.payloads["market"]![31]!)], on: copy)
        let report = try audit(copy, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .dataRights && found.origin == "market" && found.seq == 31, "\(found)")
        #expect(found.membershipVersion == 1)
        #expect(found.found.contains("category fire-safety"))
        #expect(report.tally(.dataRights).failed == 1)
        #expect(otherFailures(report, except: .dataRights) == 0)
    }

    @Test("events stored before schema 2 count as unknown; a version the store lacks is a break")
    func membershipVersions() throws {
        let bus = try Self.populated()
        let unknown = try bus.copyStore("education", to: "unknown.sqlite")
        try StoreFile.execute("UPDATE events SET membership_version = 0 WHERE origin = 'fire'", on: unknown)
        let before = try audit(unknown, bus)
        #expect(before.intact, "\(before.summary)")
        #expect(before.tally(.dataRights).unknown == 40)
        #expect(before.tally(.dataRights).checked == 31)

        let missing = try bus.copyStore("education", to: "missing.sqlite")
        try StoreFile.execute(
            "UPDATE events SET membership_version = 7 WHERE origin = 'market' AND seq = 3", on: missing)
        let report = try audit(missing, bus)
        let found = try #require(report.firstBreak)
        #expect(found.check == .dataRights && found.origin == "market" && found.seq == 3, "\(found)")
        #expect(found.membershipVersion == 7 && found.found == "no such version in the memberships table")
    }

    @Test("payloads refilled after education's rights grew are audited under the version that allowed them")
    func refilledAfterRightsGrew() throws {
        let bus = try Self.populated()
        var next = bus.bus.membership
        next.version = 2
        next.departments = next.departments.map { member in
            var member = member
            if member.id == "education" { member.receives = DataRights(kinds: ["test", "finding"], categories: ["*"]) }
            return member
        }
        try bus.publish(next)
        let education = bus.nodes["education"]!
        for _ in 0..<500 where !education.pendingRefills.isEmpty { bus.step() }
        #expect(education.pendingRefills.isEmpty)
        let findings = try bus.stores["education"]!.events(origin: "market", from: 31, through: 33)
        #expect(findings.allSatisfy { !$0.isPayloadWithheld }, "both fire-safety findings refilled")
        let report = try audit(try bus.copyStore("education", to: "refilled.sqlite"), bus)
        #expect(report.intact, "\(report.summary)")
        #expect(report.tally(.dataRights).checked == 40 + 30 + 3)
    }

    @Test("history of a rotated key and a removed member verifies with every version's keys")
    func rotatedAndRemoved() throws {
        let bus = try Self.populated()
        let rotated = try KeyDirectory.generate(at: "\(bus.directory.path)/keys/fire", rotate: true)
        bus.keys["fire"] = rotated
        var next = bus.bus.membership
        next.version = 2
        next.departments = next.departments.filter { $0.id != "market" }.map { member in
            var member = member
            if member.id == "fire" {
                member.signingKeys = ["1": Data(rotated.signingKeys[1]!.publicKey).base64EncodedString()]
            }
            return member
        }
        bus.nodes["market"] = nil
        _ = bus.network.deliver(to: "market")
        try bus.publish(next)
        try bus.start("fire", keyID: 1)
        try bus.appendTests("fire", count: 10)
        #expect(bus.converge())
        let store = bus.stores["education"]!
        #expect(try store.checkpoints(origin: "fire").last?.keyId == 1)

        let report = try audit(try bus.copyStore("education", to: "copy.sqlite"), bus)
        #expect(report.intact, "\(report.summary)")
        #expect(report.verifiedMemberships == [1, 2])
        #expect(report.signingKeys == 4, "market 0, fire 0 and 1, education 0")
        #expect(report.origins.map(\.events) == [20, 50, 33])

        // Without version 1, neither market's history nor fire's key 0 verifies.
        let partial = try bus.copyStore("education", to: "partial.sqlite")
        try StoreFile.execute("DELETE FROM memberships WHERE version = 1", on: partial)
        let broken = try audit(partial, bus)
        let oldCheckpoints =
            try store.checkpoints(origin: "fire").filter { $0.keyId == 0 }.count
            + store.checkpoints(origin: "market").count
        #expect(broken.tally(.checkpointSignature).failed == oldCheckpoints)
        #expect(broken.firstBreak?.check == .dataRights && broken.firstBreak?.origin == "fire")
        #expect(broken.firstBreak?.seq == 1 && broken.firstBreak?.membershipVersion == 1)
    }

    @Test("a corrupt, truncated or foreign file is reported as a store break, never a crash")
    func unusableFiles() throws {
        let bus = try Self.populated()
        let directory = bus.directory

        let garbage = directory.appendingPathComponent("garbage.sqlite").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: garbage))
        let garbageReport = try audit(garbage, bus)
        #expect(garbageReport.firstBreak?.check == .store && !garbageReport.complete)
        #expect(garbageReport.firstBreak?.found.contains("not a database") == true, "\(garbageReport.summary)")

        let foreign = directory.appendingPathComponent("foreign.sqlite").path
        try StoreFile.execute("CREATE TABLE t (x)", on: foreign)
        let foreignReport = try audit(foreign, bus)
        #expect(foreignReport.firstBreak?.check == .store)
        #expect(foreignReport.firstBreak?.expected.contains("application_id") == true)

        let copy = try bus.copyStore("education", to: "copy.sqlite")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        #expect(bytes.count >= 4 * EventStore.pageSize)

        let truncated = directory.appendingPathComponent("truncated.sqlite").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        let truncatedReport = try audit(truncated, bus)
        #expect(truncatedReport.firstBreak?.check == .store, "\(truncatedReport.summary)")

        // Every page after the schema's (page 1 and the tables' roots) overwritten with 0xFF.
        var damaged = bytes
        let start = 2 * EventStore.pageSize
        damaged.replaceSubrange(start..<bytes.count, with: Data(repeating: 0xFF, count: bytes.count - start))
        let overwritten = directory.appendingPathComponent("overwritten.sqlite").path
        try damaged.write(to: URL(fileURLWithPath: overwritten))
        let overwrittenReport = try audit(overwritten, bus)
        #expect(overwrittenReport.firstBreak?.check == .store, "\(overwrittenReport.summary)")

        #expect {
            try audit(directory.appendingPathComponent("absent.sqlite").path, bus)
        } throws: { error in
            (error as? BusError)?.code == .storeUnusable
        }
    }
}
