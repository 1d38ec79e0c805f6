import CZeroMQ

/// One socket event reported by a ``Monitor`` (`zmq_socket_monitor`, version 1 format).
public struct MonitorEvent: Sendable, Hashable, CustomStringConvertible {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// An outgoing connection was established (`value`: the file descriptor).
        case connected
        /// A connect is pending (`value`: errno).
        case connectDelayed
        /// A reconnect was scheduled (`value`: the reconnect interval, ms).
        case connectRetried
        /// A bind succeeded (`value`: the file descriptor).
        case listening
        /// A bind failed (`value`: errno).
        case bindFailed
        /// An incoming connection was accepted (`value`: the file descriptor).
        case accepted
        /// Accepting a connection failed (`value`: errno).
        case acceptFailed
        /// A connection or listener was closed (`value`: the file descriptor).
        case closed
        /// Closing failed (`value`: errno).
        case closeFailed
        /// The peer went away (`value`: the file descriptor).
        case disconnected
        /// The monitor was stopped; no more events follow.
        case monitorStopped
        /// The ZMTP handshake failed for an unspecified reason (`value`: errno).
        case handshakeFailedNoDetail
        /// The ZMTP handshake, including security and ZAP, succeeded.
        case handshakeSucceeded
        /// The handshake failed on a protocol error (`value`: a `ZMQ_PROTOCOL_ERROR_*` code).
        case handshakeFailedProtocol
        /// Authentication was refused (`value`: the ZAP status code, e.g. 400).
        case handshakeFailedAuth
        /// An event this binding does not know (the raw `ZMQ_EVENT_*` number).
        case unknown(UInt16)

        init(_ raw: UInt16) {
            switch Int32(raw) {
            case ZMQ_EVENT_CONNECTED: self = .connected
            case ZMQ_EVENT_CONNECT_DELAYED: self = .connectDelayed
            case ZMQ_EVENT_CONNECT_RETRIED: self = .connectRetried
            case ZMQ_EVENT_LISTENING: self = .listening
            case ZMQ_EVENT_BIND_FAILED: self = .bindFailed
            case ZMQ_EVENT_ACCEPTED: self = .accepted
            case ZMQ_EVENT_ACCEPT_FAILED: self = .acceptFailed
            case ZMQ_EVENT_CLOSED: self = .closed
            case ZMQ_EVENT_CLOSE_FAILED: self = .closeFailed
            case ZMQ_EVENT_DISCONNECTED: self = .disconnected
            case ZMQ_EVENT_MONITOR_STOPPED: self = .monitorStopped
            case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: self = .handshakeFailedNoDetail
            case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: self = .handshakeSucceeded
            case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: self = .handshakeFailedProtocol
            case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: self = .handshakeFailedAuth
            default: self = .unknown(raw)
            }
        }
    }

    /// What happened.
    public var kind: Kind
    /// The event's value: a file descriptor, errno, interval or ZAP status code (see ``Kind``).
    public var value: UInt32
    /// The endpoint concerned, e.g. `tcp://127.0.0.1:40123`.
    public var endpoint: String

    /// Makes an event (tests, fakes).
    public init(kind: Kind, value: UInt32, endpoint: String) {
        self.kind = kind
        self.value = value
        self.endpoint = endpoint
    }

    /// `handshakeFailedAuth(400) tcp://127.0.0.1:40123`.
    public var description: String { "\(kind)(\(value)) \(endpoint)" }
}

/// Which events a ``Monitor`` reports (`ZMQ_EVENT_*` bits).
public struct MonitorEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let connected = MonitorEvents(rawValue: ZMQ_EVENT_CONNECTED)
    public static let connectDelayed = MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_DELAYED)
    public static let connectRetried = MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_RETRIED)
    public static let listening = MonitorEvents(rawValue: ZMQ_EVENT_LISTENING)
    public static let bindFailed = MonitorEvents(rawValue: ZMQ_EVENT_BIND_FAILED)
    public static let accepted = MonitorEvents(rawValue: ZMQ_EVENT_ACCEPTED)
    public static let acceptFailed = MonitorEvents(rawValue: ZMQ_EVENT_ACCEPT_FAILED)
    public static let closed = MonitorEvents(rawValue: ZMQ_EVENT_CLOSED)
    public static let closeFailed = MonitorEvents(rawValue: ZMQ_EVENT_CLOSE_FAILED)
    public static let disconnected = MonitorEvents(rawValue: ZMQ_EVENT_DISCONNECTED)
    public static let monitorStopped = MonitorEvents(rawValue: ZMQ_EVENT_MONITOR_STOPPED)
    public static let handshakeFailedNoDetail = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
    public static let handshakeSucceeded = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
    public static let handshakeFailedProtocol = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL)
    public static let handshakeFailedAuth = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
    /// Every event (`ZMQ_EVENT_ALL`).
    public static let all = MonitorEvents(rawValue: ZMQ_EVENT_ALL)
}
