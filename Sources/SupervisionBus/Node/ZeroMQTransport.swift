import SupervisionProtocol
import ZeroMQ

/// The production ``BusTransport``: one DEALER per peer, connected to the peer's ROUTER, with
/// `ZMQ_ROUTING_ID` set to this department's id (the Harmony pattern of Zyre).
///
/// Sends never block: `ZMQ_IMMEDIATE` refuses messages for a peer with no live connection and
/// a small `ZMQ_SNDHWM` bounds what waits for a slow one; a refused send makes the replicator
/// treat the peer as lagging. Owned by the node's I/O thread, like its sockets.
public final class ZeroMQTransport: BusTransport {
    private var dealers: [String: Socket] = [:]

    /// Messages queued per peer before sends are refused.
    public static let sendHighWaterMark: Int32 = 64

    /// Connects one DEALER per peer (`department` → endpoint).
    init(context: Context, department: String, peers: [String: String], heartbeatMs: Int64) throws {
        for (peer, endpoint) in peers.sorted(by: { $0.key < $1.key }) {
            let dealer = try context.makeSocket(.dealer)
            try dealer.set(.routingId, Array(department.utf8))
            try dealer.set(.sendHighWaterMark, Self.sendHighWaterMark)
            try dealer.set(.immediate, true)
            try dealer.set(.linger, 0)
            try dealer.set(.reconnectInterval, 100)
            try dealer.set(.reconnectIntervalMax, 2000)
            try dealer.set(.heartbeatInterval, Int32(clamping: heartbeatMs))
            try dealer.set(.heartbeatTimeout, Int32(clamping: heartbeatMs * 3))
            try dealer.set(.heartbeatTTL, Int32(clamping: heartbeatMs * 3))
            try dealer.connect(endpoint)
            dealers[peer] = dealer
        }
    }

    public func send(_ message: BusMessage, to peer: String) -> Bool {
        guard let dealer = dealers[peer] else { return false }
        do {
            return try dealer.send([message.serializedBytes()], dontWait: true)
        } catch {
            return false
        }
    }

    /// Encodes `message` once and queues the same bytes for every peer.
    public func send(_ message: BusMessage, toEach peers: [String]) -> [String] {
        let bytes = message.serializedBytes()
        return peers.filter { peer in
            guard let dealer = dealers[peer] else { return true }
            return (try? dealer.send([bytes], dontWait: true)) != true
        }
    }

    /// Closes every DEALER (unsent messages are dropped: linger 0).
    func close() {
        for dealer in dealers.values { dealer.close() }
        dealers = [:]
    }
}
