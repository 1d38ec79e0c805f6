import CZeroMQ
import Foundation

extension ZAPHandler {
    /// Proves that CURVE servers of `context` refuse an unknown client key: binds a throw-away
    /// CURVE server on an `ipc://` socket in a fresh private directory (mode 0700, removed
    /// afterwards), connects a client with a fresh random key pair and waits for the server's
    /// handshake to fail with an authentication error.
    ///
    /// The probe never listens on TCP, so it can never take a port that a peer is dialled at.
    /// (Not `inproc://`: libzmq 4.3.4 runs no security handshake on inproc, so a probe there
    /// would prove nothing.)
    ///
    /// Run it at start-up and refuse to serve when it throws: without a ZAP handler in the same
    /// context, libzmq's CURVE servers admit every client.
    ///
    /// Blocks up to `timeoutMilliseconds`: call it from a plain thread (e.g. in ``ZMQThread``).
    /// - Parameter zapDomain: the ZAP domain your servers use, if any.
    /// - Returns: the endpoint the probe server listened on (gone when this returns).
    /// - Throws: ``ZMQError`` with `EACCES` when the bogus key was admitted, `ETIMEDOUT` when
    ///   no handshake result came in time, or the error of a failing libzmq call.
    @discardableResult
    public static func verifyBogusKeyRefused(
        context: Context, zapDomain: String? = nil, timeoutMilliseconds: Int = 5000
    ) throws -> String {
        try verifyBogusKeyRefused(
            context: context, zapDomain: zapDomain, clientKeys: try CurveKeyPair.generate(),
            timeoutMilliseconds: timeoutMilliseconds)
    }

    static func verifyBogusKeyRefused(
        context: Context, zapDomain: String?, clientKeys: CurveKeyPair, timeoutMilliseconds: Int
    ) throws -> String {
        let operation = "ZAPHandler.verifyBogusKeyRefused(\(zapDomain ?? ""))"
        let directory = try privateDirectory(operation: operation)
        let socketPath = directory + "/probe"
        defer {
            unlink(socketPath)
            rmdir(directory)
        }
        let endpoint = "ipc://" + socketPath
        let serverKeys = try CurveKeyPair.generate()
        let server = try context.makeSocket(.pull)
        defer { server.close() }
        try server.set(.linger, 0)
        // Not enforcing: a missing handler then shows as an admitted key, the case to catch.
        try server.makeCurveServer(secretKey: serverKeys.secretKey, zapDomain: zapDomain, enforceZAP: false)
        let monitor = try server.startMonitor(events: [
            .handshakeSucceeded, .handshakeFailedAuth, .handshakeFailedNoDetail, .handshakeFailedProtocol,
        ])
        defer { monitor.close() }
        try server.bind(endpoint)
        let client = try context.makeSocket(.push)
        defer { client.close() }
        try client.set(.linger, 0)
        try client.set(.reconnectInterval, -1)  // one handshake only
        try client.makeCurveClient(serverKey: serverKeys.publicKey, keyPair: clientKeys)
        try client.connect(endpoint)
        _ = try client.send([Array("zap-self-check".utf8)], dontWait: true)

        guard let event = try monitor.receive(timeoutMilliseconds: timeoutMilliseconds) else {
            throw ZMQError(operation: "\(operation): no handshake result", errno: ETIMEDOUT)
        }
        let leaked = try server.receive(dontWait: true)
        if event.kind == .handshakeSucceeded || leaked != nil {
            throw ZMQError(
                operation: "\(operation): a bogus CURVE key was admitted (no ZAP handler in this context?)",
                errno: EACCES)
        }
        guard event.kind == .handshakeFailedAuth else {
            throw ZMQError(operation: "\(operation): unexpected handshake result \(event)", errno: EPROTO)
        }
        return endpoint
    }

    /// A new directory only this user can enter, short enough for an ipc socket path.
    private static func privateDirectory(operation: String) throws -> String {
        var base = NSTemporaryDirectory()
        if base.utf8.count > 64 { base = "/tmp/" }
        if !base.hasSuffix("/") { base += "/" }
        var template = Array((base + "zap-check.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ZMQError(operation: "\(operation): mkdtemp(\(base))", errno: errno)
        }
        return String(cString: made)
    }
}
