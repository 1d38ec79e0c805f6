import Foundation
import Synchronization
import Testing
import ZeroMQ

@Suite("CURVE and the ZAP handler", .timeLimit(.minutes(1)))
struct ZAPHandlerTests {
    /// A CURVE server (PULL) with a monitor on its handshakes, bound on the fixture's transport.
    struct Server {
        let socket: Socket
        let events: Monitor
        let keys: CurveKeyPair
        let endpoint: String
    }

    func makeServer(_ fixture: Fixture, zapDomain: String? = nil) throws -> Server {
        let keys = try CurveKeyPair.generate()
        let socket = try fixture.socket(.pull)
        try socket.makeCurveServer(secretKey: keys.secretKey, zapDomain: zapDomain)
        let events = try socket.startMonitor(events: [
            .handshakeSucceeded, .handshakeFailedAuth, .handshakeFailedProtocol,
        ])
        try socket.bind(fixture.endpoint())
        return Server(socket: socket, events: events, keys: keys, endpoint: try socket.lastEndpoint)
    }

    func connectClient(_ fixture: Fixture, to server: Server, keys: CurveKeyPair) throws -> Socket {
        let client = try fixture.socket(.push)
        try client.makeCurveClient(serverKey: server.keys.publicKey, keyPair: keys)
        try client.connect(server.endpoint)
        return client
    }

    @Test(arguments: Transport.networked)
    func unknownKeyIsRefused(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        let handler = try ZAPHandler(
            context: fixture.context, allowList: [try CurveKeyPair.generate().publicKey: "someone"])
        defer {
            handler.stop()
            fixture.finish()
        }
        let server = try makeServer(fixture)
        defer { server.events.close() }
        let client = try connectClient(fixture, to: server, keys: try CurveKeyPair.generate())
        try client.send([bytes("let me in")])
        let event = try #require(try server.events.receive(timeoutMilliseconds: 5000))
        #expect(event.kind == .handshakeFailedAuth)
        #expect(event.value == 400)
        #expect(try server.socket.receive(timeoutMilliseconds: 300) == nil)
        #expect(handler.statistics.refused >= 1)
        #expect(handler.statistics.accepted == 0)
    }

    /// A ROUTER's routing-id frame carries no metadata; the user id comes from the peer's frames.
    @Test(arguments: Transport.networked)
    func routerMessagesCarryTheUserId(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        let clientKeys = try CurveKeyPair.generate()
        let handler = try ZAPHandler(context: fixture.context, allowList: [clientKeys.publicKey: "dept-a"])
        defer {
            handler.stop()
            fixture.finish()
        }
        let serverKeys = try CurveKeyPair.generate()
        let router = try fixture.socket(.router)
        try router.makeCurveServer(secretKey: serverKeys.secretKey)
        try router.bind(fixture.endpoint())
        let dealer = try fixture.socket(.dealer)
        try dealer.set(.routingId, bytes("claims-b"))
        try dealer.makeCurveClient(serverKey: serverKeys.publicKey, keyPair: clientKeys)
        try dealer.connect(try router.lastEndpoint)
        try dealer.send([bytes("hello")])
        try router.set(.receiveTimeout, 5000)
        var reused = Message(frames: [])
        #expect(try router.receive(into: &reused))
        #expect(reused.strings == ["claims-b", "hello"])
        #expect(reused.userId == "dept-a")
        try dealer.send([bytes("again")])
        let message = try #require(try router.receive(timeoutMilliseconds: 5000))
        #expect(message.userId == "dept-a")
    }

    @Test(arguments: Transport.networked)
    func allowedKeysUserIdComesWithEveryMessage(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        let clientKeys = try CurveKeyPair.generate()
        let decisions = Mutex<[ZAPHandler.Decision]>([])
        let handler = try ZAPHandler(context: fixture.context, allowList: [clientKeys.publicKey: "dept-a"]) {
            decision in
            decisions.withLock { $0.append(decision) }
        }
        defer {
            handler.stop()
            fixture.finish()
        }
        let server = try makeServer(fixture)
        defer { server.events.close() }
        let client = try connectClient(fixture, to: server, keys: clientKeys)
        for index in 0..<5 { try client.send([bytes("m\(index)"), []]) }
        for index in 0..<5 {
            let message = try #require(try server.socket.receive(timeoutMilliseconds: 5000))
            #expect(message.strings == ["m\(index)", ""])
            #expect(message.userId == "dept-a")
            if transport == .tcp { #expect(message.peerAddress == "127.0.0.1") }
        }
        #expect(try server.events.receive(timeoutMilliseconds: 5000)?.kind == .handshakeSucceeded)
        let decision = try #require(decisions.withLock { $0.first })
        #expect(decision.statusCode == 200)
        #expect(decision.mechanism == "CURVE")
        #expect(decision.publicKey == clientKeys.publicKey)
        #expect(decision.userId == "dept-a")
    }

    @Test(arguments: Transport.networked)
    func allowListChangesAtRunTime(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        let handler = try ZAPHandler(context: fixture.context)
        defer {
            handler.stop()
            fixture.finish()
        }
        let server = try makeServer(fixture)
        defer { server.events.close() }
        let newcomer = try CurveKeyPair.generate()

        // Not yet a member: refused (and libzmq does not retry a refused connection).
        let early = try connectClient(fixture, to: server, keys: newcomer)
        try early.send([bytes("too early")])
        #expect(try server.events.receive(timeoutMilliseconds: 5000)?.kind == .handshakeFailedAuth)
        early.close()

        // Admitted: a new connection goes through with the new user id.
        handler.allow(newcomer.publicKey, userId: "dept-b")
        #expect(handler.allowList == [newcomer.publicKey: "dept-b"])
        let member = try connectClient(fixture, to: server, keys: newcomer)
        try member.send([bytes("hello")])
        let message = try #require(try server.socket.receive(timeoutMilliseconds: 5000))
        #expect(message.strings == ["hello"])
        #expect(message.userId == "dept-b")
        #expect(try server.events.receive(timeoutMilliseconds: 5000)?.kind == .handshakeSucceeded)

        // Renamed by replacing the whole list.
        handler.setAllowList([newcomer.publicKey: "dept-b2"])
        let renamed = try connectClient(fixture, to: server, keys: newcomer)
        try renamed.send([bytes("again")])
        #expect(try server.socket.receive(timeoutMilliseconds: 5000)?.userId == "dept-b2")
        #expect(try server.events.receive(timeoutMilliseconds: 5000)?.kind == .handshakeSucceeded)

        // Revoked: new connections are refused.
        handler.revoke(newcomer.publicKey)
        let late = try connectClient(fixture, to: server, keys: newcomer)
        try late.send([bytes("revoked")])
        #expect(try server.events.receive(timeoutMilliseconds: 5000)?.kind == .handshakeFailedAuth)
        #expect(try server.socket.receive(timeoutMilliseconds: 300) == nil)
    }

    @Test(arguments: Transport.networked)
    func otherMechanismsAndDomainsAreRefused(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        let key = try CurveKeyPair.generate()
        let handler = try ZAPHandler(context: fixture.context, allowList: [key.publicKey: "x"], domain: "bus")
        defer {
            handler.stop()
            fixture.finish()
        }
        // NULL mechanism with a ZAP domain set: libzmq asks the handler, which refuses.
        let plain = try fixture.socket(.pull)
        try plain.set(.zapDomain, "bus")
        let plainEvents = try plain.startMonitor(events: [.handshakeSucceeded, .handshakeFailedAuth])
        defer { plainEvents.close() }
        try plain.bind(fixture.endpoint())
        let plainClient = try fixture.socket(.push)
        try plainClient.connect(plain.lastEndpoint)
        try plainClient.send([bytes("no security")])
        #expect(try plainEvents.receive(timeoutMilliseconds: 5000)?.kind == .handshakeFailedAuth)
        #expect(try plain.receive(timeoutMilliseconds: 300) == nil)

        // An allowed key, but the server is in a domain the handler does not serve.
        let server = try makeServer(fixture, zapDomain: "elsewhere")
        defer { server.events.close() }
        let client = try connectClient(fixture, to: server, keys: key)
        try client.send([bytes("wrong domain")])
        #expect(try server.events.receive(timeoutMilliseconds: 5000)?.kind == .handshakeFailedAuth)
    }

    @Test func inprocBypassesCurve() throws {
        // Documented libzmq behaviour: inproc has no handshake, so neither CURVE nor ZAP applies.
        let fixture = try Fixture(.inproc)
        let handler = try ZAPHandler(context: fixture.context)
        defer {
            handler.stop()
            fixture.finish()
        }
        let server = try makeServer(fixture)
        defer { server.events.close() }
        let client = try connectClient(fixture, to: server, keys: try CurveKeyPair.generate())
        try client.send([bytes("unauthenticated")])
        let message = try #require(try server.socket.receive(timeoutMilliseconds: 5000))
        #expect(message.userId == nil)
        #expect(handler.statistics.accepted + handler.statistics.refused == 0)
    }

    @Test func selfCheckPassesWithTheHandlerAndFailsWithout() throws {
        let context = try Context()
        // No handler: libzmq's CURVE server admits anyone, and the check says so.
        let missing = try #require(throws: ZMQError.self) {
            try ZAPHandler.verifyBogusKeyRefused(context: context, timeoutMilliseconds: 5000)
        }
        #expect(missing.errno == EACCES)
        #expect(missing.operation.contains("bogus CURVE key was admitted"))

        let handler = try ZAPHandler(context: context, domain: "bus")
        try handler.selfCheck()
        #expect(handler.statistics.refused == 1)
        // A second handler in the same context cannot bind.
        // A legacy server without a ZAP domain is refused too: this handler serves "bus" only.
        try ZAPHandler.verifyBogusKeyRefused(context: context, zapDomain: nil)
        let duplicate = try #require(throws: ZMQError.self) { try ZAPHandler(context: context) }
        #expect(duplicate.operation == "zmq_bind(inproc://zeromq.zap.01)")
        handler.stop()
        handler.stop()
        context.terminate()
    }

    /// The probe never listens where a peer may be dialled, and its refusal is marked as its own.
    @Test func selfCheckListensOnAPrivateIPCSocketOnly() throws {
        let context = try Context()
        defer { context.terminate() }
        let decisions = Mutex<[ZAPHandler.Decision]>([])
        let handler = try ZAPHandler(context: context, domain: "bus") { decision in
            decisions.withLock { $0.append(decision) }
        }
        defer { handler.stop() }
        let endpoint = try handler.selfCheck()
        #expect(endpoint.hasPrefix("ipc://"), "not tcp: \(endpoint)")
        let directory = URL(fileURLWithPath: String(endpoint.dropFirst("ipc://".count))).deletingLastPathComponent()
        #expect(!FileManager.default.fileExists(atPath: directory.path), "the probe's directory is removed")
        let seen = decisions.withLock { $0 }
        #expect(seen.count == 1 && seen.allSatisfy { $0.isSelfCheck && $0.statusCode == 400 })

        // A stranger's key afterwards is not taken for the self-check's.
        let probe = try ZAPHandler.verifyBogusKeyRefused(context: context, zapDomain: "bus")
        #expect(probe.hasPrefix("ipc://"))
        #expect(decisions.withLock { $0.count == 2 && !$0[1].isSelfCheck })
    }

    @Test(arguments: Transport.networked)
    func serversFailClosedWithoutAHandler(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let key = try CurveKeyPair.generate()
        let handler = try ZAPHandler(context: fixture.context, allowList: [key.publicKey: "member"])
        let server = try makeServer(fixture)
        defer { server.events.close() }
        let before = try connectClient(fixture, to: server, keys: key)
        try before.send([bytes("while running")])
        #expect(try server.socket.receive(timeoutMilliseconds: 5000)?.userId == "member")
        #expect(try server.events.receive(timeoutMilliseconds: 5000)?.kind == .handshakeSucceeded)

        #expect(handler.isRunning)
        handler.stop()
        #expect(!handler.isRunning)
        // The handler is gone: makeCurveServer's enforceZAP refuses even an allowed key (libzmq
        // 4.3.4 either reports a failed handshake or leaves it waiting for a ZAP reply).
        let after = try connectClient(fixture, to: server, keys: key)
        try after.send([bytes("after stop")])
        #expect(try server.socket.receive(timeoutMilliseconds: 1000) == nil)
        if let event = try server.events.receive(dontWait: true) {
            #expect(event.kind != .handshakeSucceeded)
        }
    }

    @Test func stopsWhenTheContextShutsDown() async throws {
        let context = try Context()
        let handler = try ZAPHandler(context: context)
        context.shutdown()
        await handler.stop()
        context.terminate()
    }
}
