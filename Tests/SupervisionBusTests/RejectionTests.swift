import Foundation
import SupervisionBus
import SupervisionProtocol
import Testing

@Suite("What a replica rejects")
struct RejectionTests {
    let origin = SigningKey()
    let verifier: BatchVerifier

    init() throws {
        verifier = BatchVerifier(verifier: try CheckpointVerifier(publicKeys: ["fire": [0: origin.publicKey]]))
    }

    func batch(from seq: UInt64 = 1, count: Int = 3, key: SigningKey? = nil, head: LogHead = .empty) throws
        -> EventBatch
    {
        var previous = head.hash
        var events: [EventEnvelope] = []
        for index in 0..<count {
            let event = EventEnvelope(
                origin: "fire", seq: seq + UInt64(index), prevHash: previous, timestampMs: 1, kind: .test,
                payload: [UInt8(index)])
            previous = event.computeHash()
            events.append(event)
        }
        let checkpoint = try (key ?? origin).signCheckpoint(origin: "fire", seq: events.last!.seq, eventHash: previous)
        return EventBatch(origin: "fire", events: events, checkpoint: checkpoint)
    }

    @Test func acceptsAValidBatch() throws {
        guard case .accept(let verified) = verifier.verify(try batch(), head: .empty) else {
            Issue.record("valid batch not accepted")
            return
        }
        #expect(verified.events.map(\.seq) == [1, 2, 3])
    }

    @Test func rejectsABadSignature() throws {
        guard case .reject(let reason) = verifier.verify(try batch(key: SigningKey()), head: .empty) else {
            Issue.record("forged batch accepted")
            return
        }
        #expect(reason.contains("signature"))
    }

    @Test func rejectsAnAlteredPayload() throws {
        var altered = try batch()
        altered.events[1].payload = [42]
        guard case .reject = verifier.verify(altered, head: .empty) else {
            Issue.record("altered payload accepted")
            return
        }
        // Altering the payload hash too breaks the chain the checkpoint signs.
        altered.events[1].payloadHash = Hash256.sha256(of: [42])
        guard case .reject = verifier.verify(altered, head: .empty) else {
            Issue.record("altered payload with matching hash accepted")
            return
        }
    }

    @Test func rejectsReorderedEvents() throws {
        var reordered = try batch()
        reordered.events.swapAt(1, 2)
        guard case .reject = verifier.verify(reordered, head: .empty) else {
            Issue.record("reordered batch accepted")
            return
        }
    }

    @Test func ignoresAReplay() throws {
        let old = try batch()
        let head = LogHead(seq: 3, hash: old.events.last!.computeHash())
        #expect(verifier.verify(old, head: head) == .duplicate(lastSeq: 3, lastHash: head.hash))
    }

    @Test func reportsAGap() throws {
        let later = try batch(from: 5)
        #expect(verifier.verify(later, head: .empty) == .gap(from: 1, to: 4))
    }

    @Test("a validly signed batch that contradicts the held log is a conflict (evidence), not a duplicate")
    func signedForkIsAConflict() throws {
        let first = try batch()
        let other = try batch(from: 4, head: LogHead(seq: 3, hash: Hash256.sha256(of: [9])))
        let head = LogHead(seq: 3, hash: first.events.last!.computeHash())
        #expect(verifier.verify(other, head: head) == .conflict(seq: 3, theirs: Hash256.sha256(of: [9])))
        // The same fork signed by another key is a forgery.
        let forged = try batch(from: 4, key: SigningKey(), head: LogHead(seq: 3, hash: Hash256.sha256(of: [9])))
        guard case .reject = verifier.verify(forged, head: head) else {
            Issue.record("forged fork not rejected")
            return
        }
    }

    @Test func rejectsAnUnknownOrigin() throws {
        var foreign = try batch()
        foreign.origin = "police"
        guard case .reject = verifier.verify(foreign, head: .empty) else {
            Issue.record("unknown origin accepted")
            return
        }
    }

    @Test("a forged batch from a peer is counted and never stored")
    func forgedBatchThroughReplicator() throws {
        let cluster = try Cluster(["market", "fire"])
        let forged = try batch(key: SigningKey())
        cluster.nodes["market"]!.receive([(peer: "fire", message: .batch(forged))], nowMs: 1)
        #expect(cluster.nodes["market"]!.metrics.rejected == 1)
        #expect(cluster.nodes["market"]!.heads["fire"] == nil)
        // A message from a non-member is rejected too.
        cluster.nodes["market"]!.receive([(peer: "police", message: .head(Head(entries: [])))], nowMs: 2)
        #expect(cluster.nodes["market"]!.metrics.strangers == 1)
    }
}
