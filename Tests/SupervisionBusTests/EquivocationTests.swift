import Foundation
import SupervisionProtocol
import Testing

@testable import SupervisionBus

@Suite("Equivocation: two signed events at one seq are evidence, not a duplicate")
struct EquivocationTests {
    /// A batch of `fire`'s events 1…count, signed with `key`, whose payloads start with `text`.
    func batch(_ key: SigningKey, count: Int, text: String) throws -> EventBatch {
        var previous = Hash256.zero
        var events: [EventEnvelope] = []
        for seq in 1...UInt64(count) {
            let event = EventEnvelope(
                origin: "fire", seq: seq, prevHash: previous, timestampMs: 1, kind: .test,
                payload: Array("\(text)-\(seq)".utf8))
            previous = event.computeHash()
            events.append(event)
        }
        let checkpoint = try key.signCheckpoint(origin: "fire", seq: UInt64(count), eventHash: previous, keyID: 0)
        return EventBatch(origin: "fire", events: events, checkpoint: checkpoint)
    }

    @Test("a replayed batch with other signed contents is kept as evidence; the held log stays")
    func signedReplayIsEvidence() throws {
        let cluster = try Cluster(["market", "fire"])
        try cluster.append("fire", count: 3)
        #expect(cluster.converge())
        let held = cluster.nodes["market"]!.heads["fire"]!
        let other = try batch(cluster.keys["fire"]!, count: 3, text: "other")
        cluster.nodes["market"]!.receive([(peer: "fire", message: .batch(other))], nowMs: cluster.nowMs + 1)
        let market = cluster.nodes["market"]!
        #expect(market.metrics.equivocations == 1)
        #expect(market.equivocatedOrigins == ["fire"])
        #expect(market.heads["fire"] == held, "the first history stays")
        let evidence = try market.store.equivocations()
        #expect(evidence.count == 1)
        #expect(evidence.first?.seq == 3 && evidence.first?.heldHash == held.hash)
        #expect(evidence.first?.otherHash == other.events.last!.computeHash())
        // The same batch again adds no evidence; a forged one is rejected, not evidence.
        cluster.nodes["market"]!.receive([(peer: "fire", message: .batch(other))], nowMs: cluster.nowMs + 2)
        let forged = try batch(SigningKey(), count: 3, text: "forged")
        cluster.nodes["market"]!.receive([(peer: "fire", message: .batch(forged))], nowMs: cluster.nowMs + 3)
        #expect(try market.store.equivocations().count == 1)
        #expect(market.metrics.rejected == 1)
    }

    @Test("an origin that receives its own log signed by another process stops appending")
    func originStopsOnItsOwnConflict() throws {
        let cluster = try Cluster(["market", "fire"])
        try cluster.append("fire", count: 3)
        #expect(cluster.converge())
        let twin = try batch(cluster.keys["fire"]!, count: 3, text: "twin")
        cluster.nodes["fire"]!.receive([(peer: "market", message: .batch(twin))], nowMs: cluster.nowMs + 1)
        guard case .conflicted = cluster.nodes["fire"]!.ownLog else {
            Issue.record("fire still appends: \(cluster.nodes["fire"]!.ownLog)")
            return
        }
        #expect(throws: BusError.self) {
            _ = try cluster.nodes["fire"]!.append([EventDraft(kind: .test, payload: [1])], timestampMs: 0)
        }
    }
}
