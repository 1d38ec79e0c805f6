/// A request to an agent's control endpoint: one JSON object in one frame.
///
/// Commands: `status`; `publish` (`count` test events of `size` bytes now); `load` (append test
/// events at `rate` per second until the log holds `total`); `timings` (the ``BatchTiming``
/// records of `origin`'s events after seq `after`, for latency benchmarks). Other commands (the
/// domain commands of an agent) carry their parameters in ``arguments`` and are delegated, see
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
    /// For `timings`: the origin whose events are asked about.
    public var origin: String?
    /// For `timings`: only events after this seq (default 0).
    public var after: UInt64?
    /// Named parameters of a delegated (domain) command; absent for the bus commands.
    public var arguments: [String: String]?

    /// Creates a request.
    public init(
        command: String, total: UInt64? = nil, rate: Double? = nil, size: Int? = nil, count: Int? = nil,
        origin: String? = nil, after: UInt64? = nil, arguments: [String: String]? = nil
    ) {
        self.command = command
        self.total = total
        self.rate = rate
        self.size = size
        self.count = count
        self.origin = origin
        self.after = after
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
    /// For `timings`: one record per batch, oldest first.
    public var timings: [BatchTiming]?
    /// The result of a delegated command: one JSON document, defined by the command's handler.
    public var body: String?

    /// Creates a reply.
    public init(
        ok: Bool, error: String? = nil, status: NodeStatus? = nil, timings: [BatchTiming]? = nil, body: String? = nil
    ) {
        self.ok = ok
        self.error = error
        self.status = status
        self.timings = timings
        self.body = body
    }
}
