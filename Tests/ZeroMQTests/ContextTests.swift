import Testing
import ZeroMQ

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Context and sockets")
struct ContextTests {
    @Test func everySocketTypeCanBeMade() throws {
        let context = try Context()
        for type in SocketType.allCases {
            let socket = try context.makeSocket(type)
            #expect(socket.type == type)
            socket.close()
            #expect(socket.isClosed)
        }
        context.terminate()
    }

    @Test func newSocketsGetTheContextLinger() throws {
        let context = try Context(defaultLingerMilliseconds: 250)
        let socket = try context.makeSocket(.dealer)
        #expect(try socket.get(.linger) == 250)
        socket.close()
        context.terminate()
    }

    @Test func terminateIsIdempotentAndRefusesNewSockets() throws {
        let context = try Context()
        context.terminate()
        context.terminate()
        let error = #expect(throws: ZMQError.self) { try context.makeSocket(.pair) }
        #expect(error?.isContextTerminated == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func shutdownWakesABlockedReceiver() async throws {
        let context = try Context()
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let receiver = ZMQThread<ZMQError?>(name: "blocked") {
            let pull = try context.makeSocket(.pull)
            defer { pull.close() }
            try pull.bind("inproc://blocked")
            continuation.yield()
            do {
                _ = try pull.receive()
                return nil
            } catch let error as ZMQError {
                return error
            }
        }
        for await _ in started { break }
        // The receiver may not be inside zmq_msg_recv yet; shutdown also fails later calls with ETERM.
        context.shutdown()
        let error = try await receiver.value
        #expect(error?.isContextTerminated == true)
        context.terminate()
    }

    @Test(.timeLimit(.minutes(1)), arguments: Transport.allCases)
    func shutdownWithUnsentMessagesDoesNotHang(_ transport: Transport) async throws {
        let fixture = try Fixture(transport)
        // A PUSH connected to an endpoint nobody listens on (any more): messages stay queued.
        let pull = try fixture.socket(.pull)
        try pull.bind(fixture.endpoint())
        let endpoint = try pull.lastEndpoint
        try pull.unbind(endpoint)
        pull.close()
        let push = try fixture.socket(.push)
        try push.set(.sendHighWaterMark, 100_000)
        try push.connect(endpoint)
        var queued = 0
        for _ in 0..<1000 where try push.send([.pattern(1024)], dontWait: true) { queued += 1 }
        #expect(queued > 0)
        let clock = ContinuousClock()
        let start = clock.now
        fixture.finish()  // close then terminate: bounded by the 100 ms default linger
        #expect(clock.now - start < .seconds(5))
    }

    @Test(arguments: Transport.allCases)
    func lastEndpointNamesTheBoundEndpoint(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let socket = try fixture.socket(.router)
        let requested = fixture.endpoint()
        try socket.bind(requested)
        let bound = try socket.lastEndpoint
        switch transport {
        case .tcp:
            #expect(bound.hasPrefix("tcp://127.0.0.1:"))
            #expect(Int(bound.dropFirst("tcp://127.0.0.1:".count)) ?? 0 > 0)
        case .ipc, .inproc:
            #expect(bound == requested)
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: Transport.allCases)
    func unbindAndDisconnect(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let (pull, push) = try fixture.pair(bind: .pull, connect: .push)
        let endpoint = try pull.lastEndpoint
        let monitor = try pull.startMonitor(events: .closed)
        defer { monitor.close() }
        try push.send([bytes("one")])
        #expect(try pull.receive(timeoutMilliseconds: 5000)?.strings == ["one"])
        try push.disconnect(endpoint)
        try pull.unbind(endpoint)
        if transport != .inproc {
            // tcp/ipc listeners close asynchronously, in the I/O thread.
            #expect(try monitor.waitFor([.closed], timeoutMilliseconds: 5000)?.endpoint == endpoint)
        }
        // Unknown endpoints are reported, with the operation in the error.
        let error = #expect(throws: ZMQError.self) { try push.disconnect(endpoint) }
        #expect(error?.operation == "zmq_disconnect(\(endpoint))")
        // The endpoint is free again.
        let again = try fixture.socket(.pull)
        // A parallel test may briefly hold the freed ephemeral tcp port: retry for a few seconds.
        for attempt in 1... {
            do {
                try again.bind(endpoint)
                break
            } catch let error as ZMQError where error.errno == EADDRINUSE && attempt < 50 {
                _ = try again.receive(timeoutMilliseconds: 100)
            }
        }
        try push.connect(endpoint)
        try push.send([bytes("two")])
        #expect(try again.receive(timeoutMilliseconds: 5000)?.strings == ["two"])
    }
}
