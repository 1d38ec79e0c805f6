/// A message between two bus nodes (Protocols/spec/1-JSB.md), independent of its encoding.
///
/// The ZeroMQ transport encodes it as one `BusMessage` protobuf frame; the in-memory
/// transport used by tests passes it as is.
public enum PeerMessage: Sendable, Equatable {
    /// First message on a new connection: who the sender is and what it holds.
    case hello(department: String, agent: String, protocolVersion: UInt32, heads: [String: LogHead])
    /// Consecutive events of one origin ending at a checkpoint; `requestID` 0 for live push.
    case batch(EventBatch)
    /// Periodic announcement of the sender's version vector.
    case head([String: LogHead])
    /// A request for events `fromSeq…toSeq` of `origin`, at most `maxEvents` (rounded to a checkpoint).
    case fetch(FetchRequest)
    /// The sender does not hold the range asked for by `requestID`; it holds 1…`heldSeq`.
    case miss(requestID: UInt64, origin: String, heldSeq: UInt64)
}

/// Consecutive events of one origin, ending at a checkpoint.
public struct EventBatch: Sendable, Equatable {
    /// The origin of every event.
    public var origin: String
    /// Events with consecutive seqs, oldest first; never empty when valid.
    public var events: [LogEvent]
    /// The origin's checkpoint over the last event.
    public var checkpoint: Checkpoint
    /// 0 for live push; the request's id for a fetch reply.
    public var requestID: UInt64

    /// Creates a batch.
    public init(origin: String, events: [LogEvent], checkpoint: Checkpoint, requestID: UInt64 = 0) {
        self.origin = origin
        self.events = events
        self.checkpoint = checkpoint
        self.requestID = requestID
    }
}

/// A request for a range of one origin's events.
public struct FetchRequest: Sendable, Equatable {
    /// Echoed in the replies.
    public var requestID: UInt64
    /// Whose log.
    public var origin: String
    /// First seq wanted.
    public var fromSeq: UInt64
    /// Last seq wanted (inclusive).
    public var toSeq: UInt64
    /// Upper bound on events in the replies (rounded up to the next checkpoint).
    public var maxEvents: UInt32

    /// Creates a request.
    public init(requestID: UInt64, origin: String, fromSeq: UInt64, toSeq: UInt64, maxEvents: UInt32) {
        self.requestID = requestID
        self.origin = origin
        self.fromSeq = fromSeq
        self.toSeq = toSeq
        self.maxEvents = maxEvents
    }
}
