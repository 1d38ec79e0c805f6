import Foundation
import GRDB
import SupervisionBusTesting
import SupervisionProtocol
import Testing

@testable import SupervisionBus

/// The audit's speed on a large store. Off by default; run it with
/// `JS_AUDIT_SCALE_DIR=/tmp/audit-scale [JS_AUDIT_SCALE_EVENTS=1000000] swift test --filter StoreAuditScale`:
/// it writes `store.sqlite` (two origins, 200-byte payloads, 512 events per checkpoint) and
/// `authority/anchor.json` into that directory, audits the store and prints the rate. The files
/// stay, so `jointctl audit verify` (e.g. a release build) can be timed on them too.
@Suite("Store audit at scale")
struct StoreAuditScaleTests {
    static let directory = ProcessInfo.processInfo.environment["JS_AUDIT_SCALE_DIR"]

    @Test(.enabled(if: directory != nil), .timeLimit(.minutes(30)))
    func millionEvents() throws {
        let directory = Self.directory!
        let total = Int(ProcessInfo.processInfo.environment["JS_AUDIT_SCALE_EVENTS"] ?? "") ?? 1_000_000
        try? FileManager.default.removeItem(atPath: directory)
        let bus = try LocalBus.create(
            in: directory, endpoints: ["education": "tcp://127.0.0.1:1", "market": "tcp://127.0.0.1:2"])
        let path = directory + "/store.sqlite"
        let store = try EventStore(path: path, department: "education")
        try store.saveMembership(
            version: 1, document: Array(try Data(contentsOf: URL(fileURLWithPath: bus.membershipFile))), adoptedMs: 0)
        var heads: [String: LogHead] = [:]
        var written = 0
        while written < total {
            var batches: [VerifiedBatch] = []
            for _ in 0..<16 where written < total {
                let origin = batches.count % 2 == 0 ? "education" : "market"
                var head = heads[origin] ?? .empty
                var events: [EventEnvelope] = []
                var hashes: [Hash256] = []
                for _ in 0..<min(512, total - written) {
                    var payload = [UInt8](repeating: 0x61, count: 200)
                    withUnsafeBytes(of: UInt64(head.seq + 1)) { payload.replaceSubrange(0..<8, with: $0) }
                    let event = EventEnvelope(
                        origin: origin, seq: head.seq + 1, prevHash: head.hash, timestampMs: 0, kind: .test,
                        payload: payload)
                    head = LogHead(seq: event.seq, hash: event.computeHash())
                    events.append(event)
                    hashes.append(head.hash)
                }
                heads[origin] = head
                written += events.count
                let checkpoint = try bus.keys[origin]!.signingKeys[0]!.signCheckpoint(
                    origin: origin, seq: head.seq, eventHash: head.hash)
                batches.append(VerifiedBatch(events: events, hashes: hashes, checkpoint: checkpoint))
            }
            try store.append(batches, membershipVersion: 1)
        }
        try store.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }

        let clock = ContinuousClock()
        var report: StoreAuditReport?
        let elapsed = try clock.measure {
            report = try StoreAudit(anchor: TrustAnchor.load(from: bus.anchorFile), categorize: { _ in nil }).run(
                store: path)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("audited \(report?.events ?? 0) events in \(seconds) s: \(Int(Double(total) / seconds)) events/s")
        #expect(report?.intact == true)
        #expect(report?.events == total)
    }
}
