import CZeroMQ

extension ZAPHandler {
    /// Proves that CURVE servers of `context` refuse an unknown client key: binds a throw-away
    /// CURVE server on `tcp://127.0.0.1:*`, connects a client with a fresh random key pair and
    /// waits for the server's handshake to fail with an authentication error.
    ///
    /// Run it at start-up and refuse to serve when it throws: without a ZAP handler in the same
    /// context, libzmq's CURVE servers admit every client.
    ///
    /// Blocks up to `timeoutMilliseconds`: call it from a plain thread (e.g. in ``ZMQThread``).
    /// - Parameter zapDomain: the ZAP domain your servers use, if any.
    /// - Throws: ``ZMQError`` with `EACCES` when the bogus key was admitted, `ETIMEDOUT` when
    ///   no handshake result came in time, or the error of a failing libzmq call.
    public static func verifyBogusKeyRefused(
        context: Context, zapDomain: String? = nil, timeoutMilliseconds: Int = 5000
    ) throws {
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
        try server.bind("tcp://127.0.0.1:*")
        let client = try context.makeSocket(.push)
        defer { client.close() }
        try client.set(.linger, 0)
        try client.makeCurveClient(serverKey: serverKeys.publicKey, keyPair: try CurveKeyPair.generate())
        try client.connect(try server.lastEndpoint)
        _ = try client.send([Array("zap-self-check".utf8)], dontWait: true)

        let operation = "ZAPHandler.verifyBogusKeyRefused(\(zapDomain ?? ""))"
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
    }
}
