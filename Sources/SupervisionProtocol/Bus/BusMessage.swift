/// One message of the bus: exactly one ZeroMQ frame holds one of these (`BusMessage` in
/// bus.proto).
///
/// Decode a frame with ``init(serializedBytes:)``, which validates every field and throws
/// ``ProtocolError`` on anything the spec forbids; encode with ``serializedBytes()``.
public enum BusMessage: Hashable, Sendable {
    /// The first message on a connection.
    case hello(Hello)
    /// Events of one origin with a checkpoint: a live push or a fetch reply.
    case batch(EventBatch)
    /// The sender's version vector (every heartbeat interval).
    case head(Head)
    /// A request for a range of events.
    case fetch(FetchRequest)
    /// The answer to a fetch the responder cannot serve.
    case miss(FetchMiss)
}
