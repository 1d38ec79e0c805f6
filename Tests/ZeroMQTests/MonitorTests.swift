import Testing
import ZeroMQ

@Suite("Socket monitor", .timeLimit(.minutes(1)))
struct MonitorTests {
    @Test(arguments: Transport.networked)
    func connectionEventsAreDecoded(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let server = try fixture.socket(.router)
        let serverEvents = try server.startMonitor()
        defer { serverEvents.close() }
        try server.bind(fixture.endpoint())
        let endpoint = try server.lastEndpoint
        #expect(try serverEvents.waitFor([.listening], timeoutMilliseconds: 5000)?.endpoint == endpoint)

        let client = try fixture.socket(.dealer)
        let clientEvents = try client.startMonitor(events: [.connected, .handshakeSucceeded, .monitorStopped])
        defer { clientEvents.close() }
        try client.connect(endpoint)
        let connected = try #require(try clientEvents.waitFor([.connected], timeoutMilliseconds: 5000))
        #expect(connected.endpoint == endpoint)
        #expect(connected.value > 0)  // the file descriptor
        #expect(try clientEvents.waitFor([.handshakeSucceeded], timeoutMilliseconds: 5000) != nil)
        #expect(try serverEvents.waitFor([.accepted], timeoutMilliseconds: 5000) != nil)
        #expect(try serverEvents.waitFor([.handshakeSucceeded], timeoutMilliseconds: 5000) != nil)

        try client.stopMonitor()
        #expect(try clientEvents.waitFor([.monitorStopped], timeoutMilliseconds: 5000) != nil)
        client.close()
        #expect(try serverEvents.waitFor([.disconnected], timeoutMilliseconds: 5000) != nil)
    }

    @Test func inprocHasNoConnectionEvents() throws {
        let fixture = try Fixture(.inproc)
        defer { fixture.finish() }
        let server = try fixture.socket(.pull)
        let events = try server.startMonitor()
        defer { events.close() }
        try server.bind(fixture.endpoint())
        let client = try fixture.socket(.push)
        try client.connect(server.lastEndpoint)
        try client.send([bytes("x")])
        #expect(try server.receive(timeoutMilliseconds: 5000)?.strings == ["x"])
        // inproc pipes have no engine: no connected/accepted/handshake events, only the stop.
        try server.stopMonitor()
        let event = try events.receive(timeoutMilliseconds: 5000)
        #expect(event?.kind == .monitorStopped)
    }

    @Test func unknownEventsKeepTheirNumber() {
        let event = MonitorEvent(kind: .unknown(0x8000), value: 1, endpoint: "tcp://x")
        #expect(event.description == "unknown(32768)(1) tcp://x")
    }
}
