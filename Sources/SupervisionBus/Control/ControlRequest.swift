/// A request to an agent's control endpoint: one JSON object in one frame.
///
/// Commands: `status`; `publish` (`count` test events of `size` bytes now); `load` (append test
/// events at `rate` per second until the log holds `total`). Other commands (the domain
/// commands of an agent) carry their parameters in ``arguments`` and are delegated, see
/// ``BusNode/delegatedRequests``.
public struct ControlRequest: Sendable, Codable, Hashable {
    /// The command name.
    public var command: String
    /// For `load`: the seq the department's log should reach.
    public var total: UInt64?
    /// For `load`: events per second (0 = as fast as possible).
    public var rate: Double?
    /// For `publish` and `load`: payload size in bytes.
    public var size: Int?
    /// For `publish`: how many events.
    public var count: Int?
    /// Named parameters of a delegated (domain) command; absent for the bus commands.
    public var arguments: [String: String]?

    /// Creates a request.
    public init(
        command: String, total: UInt64? = nil, rate: Double? = nil, size: Int? = nil, count: Int? = nil,
        arguments: [String: String]? = nil
    ) {
        self.command = command
        self.total = total
        self.rate = rate
        self.size = size
        self.count = count
        self.arguments = arguments
    }
}

/// The reply to a ``ControlRequest``.
public struct ControlReply: Sendable, Codable, Hashable {
    /// Whether the command succeeded.
    public var ok: Bool
    /// What went wrong, when `ok` is false.
    public var error: String?
    /// The node's status (for `status`, and after `publish`/`load`).
    public var status: NodeStatus?
    /// The result of a delegated command: one JSON document, defined by the command's handler.
    public var body: String?

    /// Creates a reply.
    public init(ok: Bool, error: String? = nil, status: NodeStatus? = nil, body: String? = nil) {
        self.ok = ok
        self.error = error
        self.status = status
        self.body = body
    }
}
