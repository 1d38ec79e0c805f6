import CZeroMQ

/// A libzmq socket, owned by one thread.
///
/// ## Threading rule
/// libzmq sockets are not thread-safe. A `Socket` is deliberately **not** `Sendable`, so Swift 6
/// refuses to share it between isolation domains: create it (or hand it over once, with
/// `sending`) on the thread that uses it, and use it only there. Its blocking calls
/// (``receive(dontWait:)``, ``Poller/poll(timeoutMilliseconds:)``, blocking ``send(_:dontWait:)``)
/// must never run on Swift's cooperative thread pool (inside an `async` function or a `Task`):
/// run a socket-owning loop on a dedicated OS thread with ``ZMQThread``.
///
/// Close sockets before terminating their ``Context``; `deinit` closes a socket that was not
/// closed explicitly.
public final class Socket {
    private(set) var handle: UnsafeMutableRawPointer?
    /// The socket's type.
    public let type: SocketType
    /// The context the socket belongs to (kept alive by the socket).
    public let context: Context

    init(handle: UnsafeMutableRawPointer, type: SocketType, context: Context) {
        self.handle = handle
        self.type = type
        self.context = context
    }

    deinit { close() }

    /// Whether ``close()`` was called.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket (`zmq_close`). Idempotent. Unsent messages are kept for at most the
    /// socket's `linger` time; the context's ``Context/terminate()`` waits for that.
    public func close() {
        if let handle {
            zmq_close(handle)
            self.handle = nil
        }
    }

    @inline(__always)
    func open(_ operation: @autoclosure () -> String) throws -> UnsafeMutableRawPointer {
        guard let handle else {
            throw ZMQError(operation: operation(), errno: CZMQ_ENOTSOCK)
        }
        return handle
    }

    // MARK: Endpoints

    /// Binds to `endpoint`, e.g. `tcp://127.0.0.1:*`, `ipc:///tmp/x.sock`, `inproc://name`.
    /// See ``lastEndpoint`` for the port a wildcard bind chose.
    public func bind(_ endpoint: String) throws {
        let handle = try open("zmq_bind(\(endpoint))")
        if zmq_bind(handle, endpoint) != 0 { throw ZMQError.last("zmq_bind(\(endpoint))") }
    }

    /// Connects to `endpoint`. Returns at once; libzmq connects (and reconnects) in the background.
    public func connect(_ endpoint: String) throws {
        let handle = try open("zmq_connect(\(endpoint))")
        if zmq_connect(handle, endpoint) != 0 { throw ZMQError.last("zmq_connect(\(endpoint))") }
    }

    /// Stops listening on `endpoint` (use the ``lastEndpoint`` string for wildcard binds).
    public func unbind(_ endpoint: String) throws {
        let handle = try open("zmq_unbind(\(endpoint))")
        if zmq_unbind(handle, endpoint) != 0 { throw ZMQError.last("zmq_unbind(\(endpoint))") }
    }

    /// Disconnects from `endpoint`, given exactly as it was passed to ``connect(_:)``.
    public func disconnect(_ endpoint: String) throws {
        let handle = try open("zmq_disconnect(\(endpoint))")
        if zmq_disconnect(handle, endpoint) != 0 {
            throw ZMQError.last("zmq_disconnect(\(endpoint))")
        }
    }

    /// The endpoint of the last bind or connect (`ZMQ_LAST_ENDPOINT`), with the port that a
    /// `tcp://127.0.0.1:*` bind chose, e.g. `tcp://127.0.0.1:40123`.
    public var lastEndpoint: String {
        get throws { try get(.lastEndpoint) }
    }

    // MARK: Subscriptions

    /// Subscribes a SUB socket to messages whose first frame starts with `prefix` (empty: all).
    public func subscribe(_ prefix: [UInt8] = []) throws { try set(.subscribe, prefix) }
    /// Subscribes a SUB socket to messages whose first frame starts with `topic`'s UTF-8 bytes.
    public func subscribe(_ topic: String) throws { try set(.subscribe, Array(topic.utf8)) }
    /// Removes one earlier ``subscribe(_:)-([UInt8])`` of the same prefix.
    public func unsubscribe(_ prefix: [UInt8] = []) throws { try set(.unsubscribe, prefix) }
    /// Removes one earlier ``subscribe(_:)-(String)`` of the same topic.
    public func unsubscribe(_ topic: String) throws { try set(.unsubscribe, Array(topic.utf8)) }
}

/// `Socket` must never be shared between threads; this makes any `Sendable` conformance an error.
@available(*, unavailable, message: "a ZeroMQ socket belongs to one thread; see Socket's threading rule")
extension Socket: Sendable {}
