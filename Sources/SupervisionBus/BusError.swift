/// An error of the bus: what went wrong, and in the message, what to do.
public struct BusError: Error, Sendable, CustomStringConvertible {
    /// The class of failure.
    public enum Code: String, Sendable {
        case invalidKey = "invalid-key"
        case invalidConfiguration = "invalid-configuration"
        case storeUnusable = "store-unusable"
        /// The store cannot write (disk full, I/O error): nothing was stored; free space, the
        /// node recovers by itself.
        case storeFull = "store-full"
        case rejectedEvent = "rejected-event"
        case transport = "transport"
        case shutDown = "shut-down"
        /// A membership document that is unsigned, mis-signed, expired, older than the one in force, or malformed.
        case invalidMembership = "invalid-membership"
        /// A federation agreement, foreign anchor or foreign membership that is unsigned (by
        /// either authority), mis-signed, expired or malformed.
        case invalidAgreement = "invalid-agreement"
        /// Transport authentication is not in place (the ZAP self-check failed).
        case authentication = "authentication"
        /// The node has not yet learnt its own log's head from every peer (own-log recovery):
        /// appends wait until it has, or until an operator overrides the wait.
        case ownLogRecovering = "own-log-recovering"
        /// Another writer signed this department's log: appends are refused until an operator acts.
        case ownLogConflict = "own-log-conflict"
    }

    /// The class of failure.
    public var code: Code
    /// A sentence for people: what went wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
