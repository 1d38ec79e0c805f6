import SupervisionProtocol
import ZeroMQ

/// The production ``BusTransport``: one DEALER per peer, connected to the peer's ROUTER (the
/// Harmony pattern of Zyre), a CURVE client of the peer's key from the membership.
///
/// On a secure bus the DEALERs set no `ZMQ_ROUTING_ID`: the peer knows us by the key we
/// authenticated with, and leaving the routing id to its ROUTER means no other connection can
/// ever collide with ours. On an insecure bus the routing id is this department's id, the
/// only identity there is.
///
/// Sends never block: `ZMQ_IMMEDIATE` refuses messages for a peer with no live connection and
/// a small `ZMQ_SNDHWM` bounds what waits for a slow one; a refused send makes the replicator
/// treat the peer as lagging. A connect that does not complete within three heartbeats is
/// abandoned and retried (`ZMQ_CONNECT_TIMEOUT`), so one begun while a host is cut off does not
/// wait on the kernel's SYN retries. A monitor on each DEALER reports lost connections
/// and handshakes (``takeConnectionChanges()``). Owned by the node's I/O thread, like its sockets.
public final class ZeroMQTransport: BusTransport {
    /// Where and how to reach one peer.
    struct Peer: Equatable {
        var endpoint: String
        /// The peer's CURVE public key; `nil` on an insecure bus.
        var serverKey: CurveKey?
    }

    private let context: Context
    private let department: String
    private let keyPair: CurveKeyPair?
    private let heartbeatMs: Int64
    private let pingIntervalMs: Int64
    private var dealers: [String: (peer: Peer, socket: Socket, monitor: Monitor)] = [:]

    /// Messages queued per peer before sends are refused.
    public static let sendHighWaterMark: Int32 = 64

    /// Connects one DEALER per peer; with `keyPair`, each is a CURVE client of its peer's key.
    /// Each sends a ZMTP PING every `pingIntervalMs` (default: two heartbeats) and drops the
    /// connection when nothing answers within three heartbeats.
    init(
        context: Context, department: String, keyPair: CurveKeyPair?, peers: [String: Peer], heartbeatMs: Int64,
        pingIntervalMs: Int64? = nil
    ) throws {
        self.context = context
        self.department = department
        self.keyPair = keyPair
        self.heartbeatMs = heartbeatMs
        self.pingIntervalMs = pingIntervalMs ?? 2 * heartbeatMs
        try update(peers: peers)
    }

    /// Connects new peers, disconnects departed ones, reconnects those whose endpoint or key changed.
    func update(peers: [String: Peer]) throws {
        for (id, dealer) in dealers where peers[id] != dealer.peer {
            dealer.monitor.close()
            dealer.socket.close()
            dealers[id] = nil
        }
        for (id, peer) in peers.sorted(by: { $0.key < $1.key }) where dealers[id] == nil {
            let dealer = try context.makeSocket(.dealer)
            if keyPair == nil { try dealer.set(.routingId, Array(department.utf8)) }
            try dealer.set(.sendHighWaterMark, Self.sendHighWaterMark)
            try dealer.set(.immediate, true)
            try dealer.set(.linger, 0)
            try dealer.set(.reconnectInterval, 100)
            try dealer.set(.reconnectIntervalMax, 2000)
            // The ZMTP PINGs find a connection that died without a word (a power or network
            // loss, a frozen process) and tell the replicator it is down; HEADs carry the rest.
            // They cost a wake-up of both I/O threads each, so they come as seldom as idle HEADs.
            try dealer.set(.heartbeatInterval, Int32(clamping: pingIntervalMs))
            try dealer.set(.heartbeatTimeout, Int32(clamping: heartbeatMs * 3))
            try dealer.set(.heartbeatTTL, Int32(clamping: pingIntervalMs + heartbeatMs * 3))
            try dealer.set(.connectTimeout, Int32(clamping: heartbeatMs * 3))
            if let keyPair, let serverKey = peer.serverKey {
                try dealer.makeCurveClient(serverKey: serverKey, keyPair: keyPair)
            }
            let monitor = try dealer.startMonitor(events: [.disconnected, .handshakeSucceeded])
            try dealer.connect(peer.endpoint)
            dealers[id] = (peer, dealer, monitor)
        }
    }

    /// The connections to peers that came up (ZMTP handshake, CURVE and ZAP included, done) or
    /// were lost since the last call, in order per peer.
    func takeConnectionChanges() -> [(peer: String, isUp: Bool)] {
        var changes: [(peer: String, isUp: Bool)] = []
        for id in dealers.keys.sorted() {
            while let event = try? dealers[id]!.monitor.receive(dontWait: true) {
                switch event.kind {
                case .disconnected: changes.append((id, false))
                case .handshakeSucceeded: changes.append((id, true))
                default: break
                }
            }
        }
        return changes
    }

    /// The DEALER connected to `peer`, for tests.
    func dealer(to peer: String) -> Socket? { dealers[peer]?.socket }

    /// Messages and bytes queued since start.
    private(set) var messagesSent: UInt64 = 0
    private(set) var bytesSent: UInt64 = 0

    public func send(_ message: BusMessage, to peer: String) -> Bool {
        send(message, toEach: [peer]).isEmpty
    }

    /// Encodes `message` once and queues the same bytes for every peer.
    public func send(_ message: BusMessage, toEach peers: [String]) -> [String] {
        let bytes = message.serializedBytes()
        return peers.filter { peer in
            guard let dealer = dealers[peer]?.socket, (try? dealer.send([bytes], dontWait: true)) == true else {
                return true
            }
            messagesSent += 1
            bytesSent += UInt64(bytes.count)
            return false
        }
    }

    /// Closes every DEALER (unsent messages are dropped: linger 0).
    func close() {
        for dealer in dealers.values {
            dealer.monitor.close()
            dealer.socket.close()
        }
        dealers = [:]
    }
}
