import Dispatch
import Synchronization

/// A ZAP (RFC 27) authentication handler for CURVE servers: it admits exactly the clients whose
/// public key is on an allow-list, and gives each connection that key's user id.
///
/// It binds `inproc://zeromq.zap.01` in the given context, so it covers the CURVE server sockets
/// **of that context only**; start it before those sockets bind. Every received message's
/// ``Message/userId`` then carries the user id the allow-list gives the sender's key.
///
/// Fails closed: a request for another mechanism (NULL, PLAIN), another ZAP domain (when
/// `domain` is set), a malformed request or an unknown key is answered 400 (500 for a malformed
/// one) and the connection is refused. The handler runs on its own thread (``ZMQThread``); the
/// allow-list can be replaced at any time from any thread. Call ``stop()`` before
/// ``Context/terminate()`` (a terminated context also ends it).
///
/// An agent must refuse to serve without it: run ``selfCheck(timeoutMilliseconds:)`` (or
/// ``verifyBogusKeyRefused(context:zapDomain:timeoutMilliseconds:)``) at start-up.
public final class ZAPHandler: Sendable {
    /// The endpoint libzmq sends ZAP requests to.
    public static let endpoint = "inproc://zeromq.zap.01"

    /// The ZAP domain ``Socket/makeCurveServer(secretKey:zapDomain:enforceZAP:)`` uses when none is given.
    public static let defaultDomain = "global"

    /// One authentication decision, passed to the `onDecision` observer.
    public struct Decision: Sendable, Hashable {
        /// The ZAP domain of the server socket.
        public var domain: String
        /// The client's IP address.
        public var address: String
        /// `CURVE`, `NULL` or `PLAIN`.
        public var mechanism: String
        /// The client's public key (CURVE requests only).
        public var publicKey: CurveKey?
        /// 200 (admitted), 400 (refused) or 500 (malformed request).
        public var statusCode: Int
        /// The user id given to the connection when admitted.
        public var userId: String?
        /// Whether the client is ``selfCheck(timeoutMilliseconds:)``'s own bogus key (refused
        /// by design, not an intruder).
        public var isSelfCheck = false
    }

    /// The ZAP domain served (`nil`: any).
    public let domain: String?
    private let context: Context
    private let controlEndpoint: String
    private let state: Loop
    private let thread: ZMQThread<Void>

    /// Binds the handler in `context` and starts it; returns once it is bound.
    ///
    /// - Parameters:
    ///   - allowList: client public key → user id (delivered as `User-Id`).
    ///   - domain: serve only this ZAP domain (the servers' ``SocketOption/zapDomain``).
    ///   - onDecision: called on the handler's thread after every decision (logging, metrics).
    /// - Throws: ``ZMQError``, e.g. `EADDRINUSE` when the context already has a ZAP handler.
    public init(
        context: Context, allowList: [CurveKey: String] = [:], domain: String? = nil,
        onDecision: (@Sendable (Decision) -> Void)? = nil
    ) throws {
        let controlEndpoint = "inproc://zeromq.zap.control.\(ZAPHandlerIDs.next())"
        let ready = ReadySignal()
        let loop = Loop(domain: domain, allowList: allowList, onDecision: onDecision)
        self.context = context
        self.domain = domain
        self.controlEndpoint = controlEndpoint
        self.state = loop
        self.thread = ZMQThread(name: "zap-handler") {
            let router: Socket
            let control: Socket
            do {
                router = try context.makeSocket(.router)
                try router.set(.linger, 0)
                try router.bind(ZAPHandler.endpoint)
                control = try context.makeSocket(.pair)
                try control.bind(controlEndpoint)
            } catch {
                ready.signal(.failure(error))
                return
            }
            ready.signal(.success(()))
            defer {
                router.close()
                control.close()
            }
            loop.run(router: router, control: control)
        }
        try ready.wait().get()
    }

    /// A handler dropped without ``stop()`` still stops its thread (without waiting for it).
    deinit { signalStop() }

    // MARK: Allow-list

    /// The current allow-list (public key → user id).
    public var allowList: [CurveKey: String] { state.allowed.withLock { $0 } }

    /// Replaces the allow-list; connections authenticated from now on use the new one
    /// (existing connections keep their user id).
    public func setAllowList(_ allowList: [CurveKey: String]) { state.allowed.withLock { $0 = allowList } }

    /// Admits `key` as `userId` from now on.
    public func allow(_ key: CurveKey, userId: String) { state.allowed.withLock { $0[key] = userId } }

    /// Stops admitting `key` (existing connections are not closed).
    public func revoke(_ key: CurveKey) { state.allowed.withLock { $0[key] = nil } }

    /// Whether the handler's thread is still answering (false after ``stop()``, a context
    /// shutdown, or a socket failure). Servers made with `enforceZAP` refuse clients meanwhile.
    public var isRunning: Bool { !thread.isFinished }

    /// Requests answered 200 and refused (400/500) so far.
    public var statistics: (accepted: Int, refused: Int) { state.counts.withLock { $0 } }

    // MARK: Lifecycle

    /// Stops the handler and waits for its thread to close its sockets. Idempotent.
    /// From async code use `await stop()`.
    @available(*, noasync, message: "use `await handler.stop()`")
    public func stop() {
        signalStop()
        _ = try? thread.join()
    }

    /// Stops the handler and waits (asynchronously) for its thread to close its sockets.
    public func stop() async {
        signalStop()
        _ = try? await thread.value
    }

    private func signalStop() {
        guard !thread.isFinished else { return }
        // A socket of the caller's own: made, used and closed on this thread.
        guard let pipe = try? context.makeSocket(.pair) else { return }  // context terminated: loop gets ETERM
        defer { pipe.close() }
        try? pipe.connect(controlEndpoint)
        _ = try? pipe.send([[]], dontWait: true)
    }

    /// Proves that this handler is in place: see ``verifyBogusKeyRefused(context:zapDomain:timeoutMilliseconds:)``.
    /// Blocks up to `timeoutMilliseconds`: call it from a plain thread (e.g. in ``ZMQThread``).
    /// Its refusal reaches `onDecision` with ``Decision/isSelfCheck`` set.
    /// - Returns: the endpoint the probe server listened on (an `ipc://` path, gone when this returns).
    @discardableResult
    public func selfCheck(timeoutMilliseconds: Int = 5000) throws -> String {
        let clientKeys = try CurveKeyPair.generate()
        state.selfCheckKeys.withLock { _ = $0.insert(clientKeys.publicKey) }
        defer { state.selfCheckKeys.withLock { _ = $0.remove(clientKeys.publicKey) } }
        return try Self.verifyBogusKeyRefused(
            context: context, zapDomain: domain, clientKeys: clientKeys, timeoutMilliseconds: timeoutMilliseconds)
    }
}

/// The handler's state shared by its thread and its owner (through the `Mutex`es), and the loop.
private final class Loop: Sendable {
    let domain: String?
    let allowed: Mutex<[CurveKey: String]>
    let counts = Mutex<(accepted: Int, refused: Int)>((0, 0))
    /// The client keys of self-checks under way.
    let selfCheckKeys = Mutex<Set<CurveKey>>([])
    let onDecision: (@Sendable (ZAPHandler.Decision) -> Void)?

    init(domain: String?, allowList: [CurveKey: String], onDecision: (@Sendable (ZAPHandler.Decision) -> Void)?) {
        self.domain = domain
        self.allowed = Mutex(allowList)
        self.onDecision = onDecision
    }

    func run(router: Socket, control: Socket) {
        var poller = Poller()
        poller.add(router, events: .readable)
        poller.add(control, events: .readable)
        do {
            while true {
                let ready = try poller.poll(timeoutMilliseconds: -1)
                if ready[1].contains(.readable) { return }
                guard ready[0].contains(.readable) else { continue }
                while let request = try router.receive(dontWait: true) {
                    if let reply = answer(request.frames) { try router.send(reply) }
                }
            }
        } catch {
            // ETERM (context shut down) or a closed socket: leave; the context refuses
            // CURVE clients while no handler answers (the handshake stalls, then fails).
        }
    }

    /// The reply frames (routing envelope included) for a request, or `nil` to drop it.
    func answer(_ frames: [[UInt8]]) -> [[UInt8]]? {
        guard let delimiter = frames.firstIndex(where: \.isEmpty) else { return nil }
        let envelope = Array(frames[...delimiter])
        let body = Array(frames[(delimiter + 1)...])
        // version, request id, domain, address, identity, mechanism, credentials…
        guard body.count >= 2 else { return nil }
        let requestId = body[1]
        func reply(_ code: Int, _ text: String, _ userId: String = "", decision: ZAPHandler.Decision?) -> [[UInt8]] {
            counts.withLock { code == 200 ? ($0.accepted += 1) : ($0.refused += 1) }
            if let decision, let onDecision { onDecision(decision) }
            return envelope + [
                Array("1.0".utf8), requestId, Array(String(code).utf8), Array(text.utf8), Array(userId.utf8), [],
            ]
        }
        guard body.count >= 6, String(decoding: body[0], as: UTF8.self) == "1.0" else {
            return reply(500, "malformed ZAP request", decision: nil)
        }
        let requestDomain = String(decoding: body[2], as: UTF8.self)
        let mechanism = String(decoding: body[5], as: UTF8.self)
        var decision = ZAPHandler.Decision(
            domain: requestDomain, address: String(decoding: body[3], as: UTF8.self),
            mechanism: mechanism, publicKey: nil, statusCode: 400, userId: nil)
        if let domain, domain != requestDomain {
            return reply(400, "domain not served", decision: decision)
        }
        guard mechanism == "CURVE" else { return reply(400, "mechanism not allowed", decision: decision) }
        guard body.count == 7, let key = try? CurveKey(bytes: body[6]) else {
            return reply(400, "bad CURVE credentials", decision: decision)
        }
        decision.publicKey = key
        decision.isSelfCheck = selfCheckKeys.withLock { $0.contains(key) }
        guard let userId = allowed.withLock({ $0[key] }) else {
            return reply(400, "key not allowed", decision: decision)
        }
        decision.statusCode = 200
        decision.userId = userId
        return reply(200, "OK", userId, decision: decision)
    }
}

private enum ZAPHandlerIDs {
    static let counter = Atomic<Int>(0)
    static func next() -> Int { counter.add(1, ordering: .relaxed).newValue }
}

/// A one-shot result handed from the handler thread to its creator.
private final class ReadySignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<Void, any Error>?>(nil)

    func signal(_ value: Result<Void, any Error>) {
        result.withLock { $0 = value }
        semaphore.signal()
    }

    func wait() -> Result<Void, any Error> {
        semaphore.wait()
        return result.withLock { $0! }
    }
}
