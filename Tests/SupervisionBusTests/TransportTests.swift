import Foundation
import SupervisionProtocol
import Testing
import ZeroMQ

@testable import SupervisionBus

/// The production transport's DEALERs, against a ROUTER in the test (loopback only).
@Suite("ZeroMQ transport")
struct TransportTests {
    @Test("every peer DEALER gives up a connect after three heartbeats", .timeLimit(.minutes(1)))
    func connectTimeout() async throws {
        try await ZMQThread(name: "transport-test") {
            let context = try Context(defaultLingerMilliseconds: 0)
            defer { context.terminate() }
            let transport = try ZeroMQTransport(
                context: context, department: "market", keyPair: nil,
                peers: ["fire": .init(endpoint: "tcp://127.0.0.1:1", serverKey: nil)], heartbeatMs: 250)
            defer { transport.close() }
            #expect(try transport.dealer(to: "fire")?.get(.connectTimeout) == 750)
        }.value
    }

    @Test("a connection to a peer is reported when it comes up and once when it is lost", .timeLimit(.minutes(1)))
    func disconnectReported() async throws {
        try await ZMQThread(name: "transport-test") {
            let context = try Context(defaultLingerMilliseconds: 0)
            defer { context.terminate() }
            let router = try context.makeSocket(.router)
            try router.bind("tcp://127.0.0.1:*")
            let transport = try ZeroMQTransport(
                context: context, department: "market", keyPair: nil,
                peers: ["fire": .init(endpoint: try router.lastEndpoint, serverKey: nil)], heartbeatMs: 250)
            defer { transport.close() }
            let hello = BusMessage.hello(Hello(department: "market", agent: "test", heads: []))
            let deadline = ContinuousClock.now + .seconds(20)
            while !transport.send(hello, to: "fire") && ContinuousClock.now < deadline {
                _ = try router.receive(timeoutMilliseconds: 10)
            }
            #expect(try router.receive(timeoutMilliseconds: 10_000) != nil, "connected")
            func nextChanges() -> [(peer: String, isUp: Bool)] {
                var changes: [(peer: String, isUp: Bool)] = []
                while changes.isEmpty && ContinuousClock.now < deadline {
                    changes = transport.takeConnectionChanges()
                    if changes.isEmpty { usleep(10_000) }  // polling the monitors until the deadline
                }
                return changes
            }
            let up = nextChanges()
            #expect(up.map(\.peer) == ["fire"] && up.map(\.isUp) == [true], "the handshake is reported")
            router.close()
            let lost = nextChanges()
            #expect(lost.map(\.peer) == ["fire"] && lost.map(\.isUp) == [false], "the loss is reported once")
        }.value
    }
}
