/// A request to an agent's control endpoint: one JSON object in one frame of at most
/// ``maxBytes``.
///
/// Commands: `status`; `publish` (`count` test events of `size` bytes now); `load` (append test
/// events at `rate` per second until the log holds `total`); `timings` (the ``BatchTiming``
/// records of `origin`'s events after seq `after`, for latency benchmarks). Other commands (the
/// domain commands of an agent) carry their parameters in ``arguments`` and are delegated, see
/// ``BusNode/delegatedRequests``.
///
/// Bounds, checked before anything is allocated or appended (a request outside them is refused
/// with a reply that names the bound): `count` 1…``maxPublishCount``, `size`
/// 0…``maxPayloadBytes``, `count × size` at most ``maxPublishBytes``, `rate` a finite number
/// 0…``maxLoadRate``, `total` at most ``maxLoadEvents`` beyond the current head.
///
/// **Retries.** A request that carries a ``requestId`` is run at most once: the node remembers
/// the successful replies of the last 1,024 such requests (in memory, not across a restart),
/// and answers a repeat of the same request with the same id with the earlier reply, without
/// running it again; a repeat that arrives while the first is still running gets the same reply
/// when it is done. An id used for a different request is refused. Refusals are not remembered
/// (they changed nothing), so a refused request may be sent again with the same id. `jointctl`
/// sends a fresh id with every request (`--request-id` to choose it, e.g. to re-run a command
/// that timed out without appending twice).
public struct ControlRequest: Sendable, Codable, Hashable {
    /// Largest request frame the control endpoint accepts, in bytes (a larger one drops the
    /// client's connection; ``ControlClient`` refuses to send it).
    public static let maxBytes = 16 << 20
    /// Most events one `publish` appends.
    public static let maxPublishCount = 100_000
    /// Largest test payload of `publish` and `load`, in bytes.
    public static let maxPayloadBytes = 1 << 20
    /// Most payload bytes one `publish` appends in all.
    public static let maxPublishBytes = 64 << 20
    /// Highest `load` rate, events per second.
    public static let maxLoadRate = 1_000_000.0
    /// Most events a `load` may add to the log.
    public static let maxLoadEvents: UInt64 = 10_000_000

    /// The command name.
    public var command: String
    /// A client-chosen id (at most 128 characters) that makes the request idempotent: see
    /// "Retries" above. Absent: the request runs every time it arrives.
    public var requestId: String?
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
        origin: String? = nil, after: UInt64? = nil, arguments: [String: String]? = nil, requestId: String? = nil
    ) {
        self.command = command
        self.requestId = requestId
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
    /// The ``BusError/Code`` raw value when a bus error refused the request (e.g. `store-full`:
    /// temporary, nothing was stored; retry once space returns).
    public var errorCode: String?
    /// The node's status (for `status`, and after `publish`/`load`).
    public var status: NodeStatus?
    /// For `timings`: one record per batch, oldest first.
    public var timings: [BatchTiming]?
    /// The result of a delegated command: one JSON document, defined by the command's handler.
    public var body: String?

    /// Creates a reply.
    public init(
        ok: Bool, error: String? = nil, status: NodeStatus? = nil, timings: [BatchTiming]? = nil, body: String? = nil,
        errorCode: String? = nil
    ) {
        self.ok = ok
        self.error = error
        self.errorCode = errorCode
        self.status = status
        self.timings = timings
        self.body = body
    }
}
