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

    @Test("a lost connection to a peer is reported once", .timeLimit(.minutes(1)))
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
            #expect(transport.takeDisconnects().isEmpty)
            router.close()
            var lost: [String] = []
            while lost.isEmpty && ContinuousClock.now < deadline {
                lost = transport.takeDisconnects()
                if lost.isEmpty { usleep(10_000) }  // polling the monitors until the deadline
            }
            #expect(lost == ["fire"])
        }.value
    }
}
