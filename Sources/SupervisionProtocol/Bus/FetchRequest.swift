/// A request for events ``fromSeq``…``toSeq`` of ``origin`` (`FetchRequest` in bus.proto).
/// Answered by one or more ``EventBatch``es carrying ``requestId``, or a ``FetchMiss``.
public struct FetchRequest: Hashable, Sendable {
    /// Chosen by the requester, never 0.
    public var requestId: UInt64
    /// Department id of the origin whose events are wanted.
    public var origin: String
    /// First seq wanted (≥ 1).
    public var fromSeq: UInt64
    /// Last seq wanted, inclusive (≥ ``fromSeq``).
    public var toSeq: UInt64
    /// Upper bound on events in the reply before extending to a checkpoint (≥ 1; a
    /// responder treats 0 as 1).
    public var maxEvents: UInt32

    /// Makes a request (`maxEvents` defaults to the spec's recommended fetch window).
    public init(requestId: UInt64, origin: String, fromSeq: UInt64, toSeq: UInt64, maxEvents: UInt32 = 16_384) {
        self.requestId = requestId
        self.origin = origin
        self.fromSeq = fromSeq
        self.toSeq = toSeq
        self.maxEvents = maxEvents
    }
}
