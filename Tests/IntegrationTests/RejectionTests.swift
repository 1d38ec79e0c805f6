import Foundation
import SupervisionBus
import SupervisionProtocol
import Testing
import ZeroMQ

/// A rogue peer on the wire: garbage frames, a replayed batch, a forged signature.
@Suite("An agent under bad input from a peer", .serialized)
struct AgentRejectionTests {
    @Test(
        "garbage, wrong framing, replays and bad signatures are rejected; the agent keeps serving",
        .timeLimit(.minutes(2)))
    func rejectsBadInput() async throws {
        // fire is a member but its agent is not started: the test speaks as fire.
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try cluster.start("culture")
        try await cluster.waitReady("market")
        try await cluster.waitReady("culture")

        let fireKey = cluster.keys["fire"]!
        func batch(from seq: UInt64, count: Int, previous: Hash256, key: SigningKey) throws -> EventBatch {
            var events: [EventEnvelope] = []
            var hash = previous
            for index in 0..<count {
                let event = EventEnvelope(
                    origin: "fire", seq: seq + UInt64(index), prevHash: hash, timestampMs: 1, kind: .test,
                    payload: TestPayload(body: Array("fire \(index)".utf8)).serializedBytes())
                hash = event.computeHash()
                events.append(event)
            }
            let checkpoint = try key.signCheckpoint(origin: "fire", seq: events.last!.seq, eventHash: hash)
            return EventBatch(origin: "fire", events: events, checkpoint: checkpoint)
        }
        let genuine = try batch(from: 1, count: 5, previous: .zero, key: fireKey)
        let forged = try batch(
            from: 6, count: 5, previous: genuine.events.last!.computeHash(), key: SigningKey())
        var altered = try batch(from: 6, count: 5, previous: genuine.events.last!.computeHash(), key: fireKey)
        altered.events[2].payload = Array("tampered".utf8)

        try await ZMQThread(name: "rogue") {
            let dealer = try cluster.dealer(to: "market", as: "fire")
            defer { dealer.close() }
            _ = try dealer.send([[0xFF, 0x00, 0x13, 0x37, 0x42]])  // not protobuf
            _ = try dealer.send([BusMessage.head(Head(entries: [])).serializedBytes(), [1, 2]])  // two frames
            _ = try dealer.send([BusMessage.batch(genuine).serializedBytes()])
            _ = try dealer.send([BusMessage.batch(genuine).serializedBytes()])  // replay
            _ = try dealer.send([BusMessage.batch(forged).serializedBytes()])
            _ = try dealer.send([BusMessage.batch(altered).serializedBytes()])
        }.value

        try await cluster.waitUntil("market rejected the bad input") {
            ($0["market"]?.metrics.rejected ?? 0) >= 2 && ($0["market"]?.metrics.malformed ?? 0) >= 2
                && ($0["market"]?.metrics.duplicates ?? 0) >= 1
        }
        let market = try await cluster.status("market")
        #expect(market.metrics.rejected == 2, "the forged and the altered batch")
        #expect(market.metrics.malformed == 2, "the garbage frame and the two-frame message")
        #expect(market.heads["fire"]?.seq == 5, "only the genuine batch is stored")
        #expect(market.heads["fire"]?.hash == genuine.events.last!.computeHash().hex)
        // Nothing forged was relayed: culture holds fire's genuine events only.
        try await cluster.waitUntil("culture holds fire's genuine events") { $0["culture"]?.heads["fire"]?.seq == 5 }
        // The agent keeps serving: its own events still replicate.
        _ = try await cluster.control("market", ControlRequest(command: "publish", count: 10))
        try await cluster.waitUntil("market's new events reach culture") { $0["culture"]?.heads["market"]?.seq == 10 }
        let log = cluster.log("market")
        #expect(log.contains("rejected malformed message"))
        #expect(log.contains("bad signature"))
    }

    @Test(
        "a frame over the protocol's 16 MiB is counted as oversized and dropped; the connection stays",
        .timeLimit(.minutes(2)))
    func oversizedFrameCounted() async throws {
        // fire is a member but its agent is not started: the test speaks as fire.
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try await cluster.waitReady("market")
        let event = EventEnvelope(
            origin: "fire", seq: 1, prevHash: .zero, timestampMs: 1, kind: .test,
            payload: TestPayload(body: Array("after the big one".utf8)).serializedBytes())
        let genuine = EventBatch(
            origin: "fire", events: [event],
            checkpoint: try cluster.keys["fire"]!.signCheckpoint(origin: "fire", seq: 1, eventHash: event.computeHash())
        )

        let rogue = HeldDealer(
            cluster, to: "market", as: "fire",
            sending: [[UInt8](repeating: 0x2A, count: (16 << 20) + 4096), BusMessage.batch(genuine).serializedBytes()])
        try await cluster.waitUntil("market counted the oversized frame and stored what followed it") {
            $0["market"]?.metrics.oversized == 1 && $0["market"]?.heads["fire"]?.seq == 1
        }
        #expect(try await rogue.finish() == 0, "the connection was not dropped")
        let market = try await cluster.status("market")
        #expect(market.metrics.malformed == 0)
        #expect(cluster.log("market").contains("frame over the protocol's 16 MiB dropped"))
    }
}
