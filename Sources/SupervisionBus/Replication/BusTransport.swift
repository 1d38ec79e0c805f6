import SupervisionProtocol

/// Carries ``BusMessage``s to peers, without ever blocking.
///
/// Implementations: ``ZeroMQTransport`` (production: one DEALER per peer) and
/// ``InMemoryTransport`` (tests: a deterministic in-process network).
public protocol BusTransport: AnyObject {
    /// Queues `message` for `peer`. Returns `false` when the peer's queue is full or the peer is
    /// unreachable right now: the caller then treats the peer as lagging instead of buffering.
    func send(_ message: BusMessage, to peer: String) -> Bool

    /// Queues the same `message` for each of `peers` (a live push); returns the peers that
    /// refused it. A transport that encodes messages should encode it once for all of them.
    func send(_ message: BusMessage, toEach peers: [String]) -> [String]
}

extension BusTransport {
    /// Sends to each peer in turn.
    public func send(_ message: BusMessage, toEach peers: [String]) -> [String] {
        peers.filter { !send(message, to: $0) }
    }
}
