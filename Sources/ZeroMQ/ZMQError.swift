import CZeroMQ

/// A failed libzmq call: which operation, the `errno` it set, and libzmq's text for it.
///
/// ```swift
/// do { try socket.bind("tcp://127.0.0.1:1") }
/// catch let error as ZMQError { print(error) }   // zmq_bind(tcp://127.0.0.1:1) failed: Permission denied (errno 13)
/// ```
public struct ZMQError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call that failed with its main argument, e.g. `zmq_bind(tcp://127.0.0.1:5555)`.
    public var operation: String
    /// The `errno` value (POSIX, or libzmq's own such as `ETERM`).
    public var errno: Int32
    /// `zmq_strerror(errno)` at the time of the failure.
    public var message: String

    /// Makes an error with an explicit code; the text comes from `zmq_strerror`.
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
        self.message = String(cString: zmq_strerror(errno))
    }

    /// Makes an error from the calling thread's current `zmq_errno()`.
    static func last(_ operation: @autoclosure () -> String) -> ZMQError {
        ZMQError(operation: operation(), errno: zmq_errno())
    }

    /// `operation failed: message (errno N)`.
    public var description: String { "\(operation) failed: \(message) (errno \(errno))" }

    /// The context was terminated (`ETERM`): close the socket and leave the loop.
    public var isContextTerminated: Bool { errno == CZMQ_ETERM }
    /// A ROUTER with `routerMandatory` had no connected peer with that routing id (`EHOSTUNREACH`).
    public var isHostUnreachable: Bool { errno == CZMQ_EHOSTUNREACH }
    /// The operation is not valid in the socket's current state, e.g. REQ sending twice (`EFSM`).
    public var isWrongState: Bool { errno == CZMQ_EFSM }
    /// The socket was already closed (`ENOTSOCK`).
    public var isSocketClosed: Bool { errno == CZMQ_ENOTSOCK }
}
