import Foundation
import Testing
import ZeroMQ

@Suite("Socket options")
struct OptionsTests {
    @Test(arguments: Transport.allCases)
    func optionsRoundTrip(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let socket = try fixture.socket(.dealer)
        func roundTrip<Value: Equatable>(_ option: SocketOption<Value>, _ value: Value) throws {
            try socket.set(option, value)
            #expect(try socket.get(option) == value, "\(option.name)")
        }
        try roundTrip(.sendHighWaterMark, 12_345)
        try roundTrip(.receiveHighWaterMark, 54_321)
        try roundTrip(.linger, 0)
        try roundTrip(.linger, 250)
        try roundTrip(.immediate, true)
        try roundTrip(.immediate, false)
        try roundTrip(.routingId, bytes("node-7"))
        try roundTrip(.heartbeatInterval, 1000)
        try roundTrip(.heartbeatTimeout, 3000)
        try roundTrip(.heartbeatTTL, 5000)
        try roundTrip(.maxMessageSize, 32 << 20)
        try roundTrip(.reconnectInterval, 50)
        try roundTrip(.reconnectIntervalMax, 2000)
        try roundTrip(.connectTimeout, 600)
        try roundTrip(.sendTimeout, 500)
        try roundTrip(.receiveTimeout, 700)
        try roundTrip(.zapDomain, "supervision")
        let keys = try CurveKeyPair.generate()
        try roundTrip(.curveServerKey, keys.publicKey)
        try roundTrip(.curvePublicKey, keys.publicKey)
        try roundTrip(.curveSecretKey, keys.secretKey)
        try roundTrip(.curveServer, true)
        #expect(try socket.get(.mechanism) == 2)  // CURVE
        try roundTrip(.zapEnforceDomain, true)
        #expect(try socket.get(.receiveMore) == false)

        // Write-only options: setting works, reading is refused by libzmq with a clear error.
        let router = try fixture.socket(.router)
        try router.set(.routerMandatory, true)
        try router.set(.routerHandover, true)
        let xpub = try fixture.socket(.xpub)
        try xpub.set(.xpubNoDrop, true)
        let sub = try fixture.socket(.sub)
        try sub.subscribe("a")
        try sub.unsubscribe("a")
        let error = #expect(throws: ZMQError.self) { try sub.get(.subscribe) }
        #expect(error?.operation == "zmq_getsockopt(ZMQ_SUBSCRIBE)")
        #expect(error?.errno == EINVAL)

        // lastEndpoint after a bind on this transport.
        try socket.bind(fixture.endpoint())
        #expect(try socket.get(.lastEndpoint) == socket.lastEndpoint)
        #expect(!(try socket.lastEndpoint).hasSuffix("*"))
    }

    @Test func invalidValuesAreRefusedWithTheOptionName() throws {
        let context = try Context()
        defer { context.terminate() }
        let socket = try context.makeSocket(.dealer)
        defer { socket.close() }
        let error = #expect(throws: ZMQError.self) { try socket.set(.routingId, []) }
        #expect(error?.operation == "zmq_setsockopt(ZMQ_ROUTING_ID)")
        #expect(error?.errno == EINVAL)
        #expect(throws: ZMQError.self) { try socket.set(.lastEndpoint, "x") }
        socket.close()
        let closed = #expect(throws: ZMQError.self) { try socket.get(.linger) }
        #expect(closed?.isSocketClosed == true)
    }
}
