import CZeroMQ
import Synchronization

/// A libzmq context: the I/O threads and the `inproc://` namespace shared by its sockets.
///
/// Make one per process and share it freely: `Context` is `Sendable` and its methods may be
/// called from any thread. Sockets are not: see ``Socket`` for the one-owner rule.
///
/// ## Shutdown order
/// 1. Stop every socket-owning loop and ``Socket/close()`` its sockets (including the
///    ``ZAPHandler``'s, via ``ZAPHandler/stop()``, and any ``Monitor``).
/// 2. Call ``terminate()``. It blocks until every socket of the context is closed, then for at
///    most each socket's linger time to flush unsent messages.
///
/// Every socket made here starts with `ZMQ_LINGER` set to ``defaultLingerMilliseconds``
/// (100 ms unless you pass another value) instead of libzmq's `-1` (wait forever), so
/// ``terminate()`` never hangs on messages a dead peer will never take. To stop loops that
/// are blocked in `receive`/`poll` from outside, call ``shutdown()`` first: their blocking calls
/// then fail with ``ZMQError/isContextTerminated``.
public final class Context: Sendable {
    private enum State { case open, terminating, terminated }

    nonisolated(unsafe) let handle: UnsafeMutableRawPointer
    private let state = Mutex(State.open)

    /// The `ZMQ_LINGER` every new socket of this context gets, in milliseconds.
    public let defaultLingerMilliseconds: Int32

    /// Creates a context.
    /// - Parameters:
    ///   - ioThreads: libzmq I/O threads (`ZMQ_IO_THREADS`); one handles about a gigabyte per second.
    ///   - defaultLingerMilliseconds: `ZMQ_LINGER` for every socket made by ``makeSocket(_:)``;
    ///     0 discards unsent messages at close, -1 (libzmq's default) can hang ``terminate()``.
    public init(ioThreads: Int = 1, defaultLingerMilliseconds: Int32 = 100) throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        if zmq_ctx_set(handle, ZMQ_IO_THREADS, Int32(clamping: ioThreads)) != 0 {
            let error = ZMQError.last("zmq_ctx_set(ZMQ_IO_THREADS, \(ioThreads))")
            zmq_ctx_term(handle)
            throw error
        }
        self.handle = handle
        self.defaultLingerMilliseconds = defaultLingerMilliseconds
    }

    deinit {
        // No socket can be open here: every Socket keeps its context alive.
        if state.withLock({ $0 }) == .open { Self.term(handle) }
    }

    /// Creates a socket of `type` with `ZMQ_LINGER` set to ``defaultLingerMilliseconds``.
    ///
    /// The calling thread becomes the socket's owner: use it there only (or hand it over
    /// once, with `sending`, e.g. to ``ZMQThread``).
    public func makeSocket(_ type: SocketType) throws -> Socket {
        let raw: UnsafeMutableRawPointer = try state.withLock { state in
            guard state == .open else {
                throw ZMQError(operation: "zmq_socket(\(type))", errno: CZMQ_ETERM)
            }
            guard let raw = zmq_socket(handle, type.rawValue) else {
                throw ZMQError.last("zmq_socket(\(type))")
            }
            return raw
        }
        let socket = Socket(handle: raw, type: type, context: self)
        try socket.set(.linger, defaultLingerMilliseconds)
        return socket
    }

    /// Makes every blocking call on this context's sockets return with `ETERM`
    /// (`zmq_ctx_shutdown`). Thread-safe; the sockets must still be closed before ``terminate()``
    /// returns.
    public func shutdown() {
        state.withLock { state in
            if state == .open { zmq_ctx_shutdown(handle) }
        }
    }

    /// Terminates the context (`zmq_ctx_term`): blocks until all its sockets are closed and
    /// their linger has passed. Idempotent; a second call returns at once.
    public func terminate() {
        let mine = state.withLock { state in
            guard state == .open else { return false }
            state = .terminating
            return true
        }
        guard mine else { return }
        Self.term(handle)
        state.withLock { $0 = .terminated }
    }

    private static func term(_ handle: UnsafeMutableRawPointer) {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
