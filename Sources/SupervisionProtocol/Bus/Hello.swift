/// The first message a node sends on a new connection (`Hello` in bus.proto).
public struct Hello: Hashable, Sendable {
    /// The protocol version this module speaks.
    public static let currentProtocolVersion: UInt32 = 2

    /// The sender's department id; must equal the sender's ZeroMQ routing id.
    public var department: String
    /// Free-form agent software name and version, for logs.
    public var agent: String
    /// Highest protocol version the sender speaks (≥ 1).
    public var protocolVersion: UInt32
    /// The sender's version vector at connection time.
    public var heads: [HeadEntry]

    /// Makes a greeting.
    public init(
        department: String, agent: String, protocolVersion: UInt32 = Hello.currentProtocolVersion,
        heads: [HeadEntry]
    ) {
        self.department = department
        self.agent = agent
        self.protocolVersion = protocolVersion
        self.heads = heads
    }
}
