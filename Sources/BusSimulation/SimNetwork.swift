import SupervisionBus
import SupervisionProtocol

/// A simulated network between nodes: every message has a delivery time; faults are loss,
/// duplication, delay (and so reordering), directed cuts and hosts that are down.
///
/// A send to a host that is down is refused, as ZeroMQ's `ZMQ_IMMEDIATE` refuses with no live
/// connection; a send over a cut link is accepted and never arrives (a black hole, until the
/// peer is declared silent); a link holds at most ``capacity`` messages in flight, then refuses
/// (the high-water mark).
public final class SimNetwork {
    struct InFlight {
        var at: Int64
        var order: UInt64
        var from: String
        var to: String
        var message: BusMessage
    }

    /// Probability that a message is lost.
    public var loss = 0.0
    /// Probability that a message is delivered twice.
    public var duplication = 0.0
    /// Extra delay, uniform in 0...maxDelayMs, on top of 1 ms (messages overtake each other).
    public var maxDelayMs = 5
    /// Directed links that drop everything: [sender, destination].
    public var cut: Set<[String]> = []
    /// Hosts that are down (crashed or stopped): sends to them are refused.
    public var down: Set<String> = []
    /// Most messages in flight per directed link.
    public var capacity = 256

    struct Link: Hashable {
        var from: String
        var to: String
    }

    /// What is in flight, by destination, and how much on each directed link.
    private var inbound: [String: [InFlight]] = [:]
    private var onLink: [Link: Int] = [:]
    private var order: UInt64 = 0
    private var random: SimRandom
    /// The simulated time, in milliseconds.
    var now: () -> Int64 = { 0 }
    /// Messages sent, lost, duplicated.
    public private(set) var counts = (sent: 0, lost: 0, duplicated: 0, refused: 0)
    /// Whether sends are measured in encoded bytes (``bytesSent``): off by default, as encoding costs time.
    public var measuresBytes = false
    /// Bytes of the messages sent, as encoded on the wire (while ``measuresBytes``).
    public private(set) var bytesSent = 0
    /// Messages sent, by sender.
    public private(set) var sentBy: [String: Int] = [:]

    init(random: SimRandom) { self.random = random }

    /// The transport of a node sending as `department`.
    public func transport(for department: String) -> SimTransport {
        SimTransport(network: self, department: department)
    }

    func send(_ message: BusMessage, from: String, to: String) -> Bool {
        guard !down.contains(to), !down.contains(from) else {
            counts.refused += 1
            return false
        }
        let link = Link(from: from, to: to)
        guard onLink[link, default: 0] < capacity else {
            counts.refused += 1
            return false
        }
        counts.sent += 1
        sentBy[from, default: 0] += 1
        if measuresBytes { bytesSent += message.serializedBytes().count }
        if cut.contains([from, to]) || random.chance(loss) {
            counts.lost += 1
            return true
        }
        let copies = random.chance(duplication) ? 2 : 1
        if copies == 2 { counts.duplicated += 1 }
        for _ in 0..<copies {
            order += 1
            onLink[link, default: 0] += 1
            inbound[to, default: []].append(
                InFlight(
                    at: now() + 1 + Int64(random.int(0...maxDelayMs)), order: order, from: from, to: to,
                    message: message))
        }
        return true
    }

    /// Takes the messages due at `department` by now, in delivery order.
    func deliver(to department: String) -> [(peer: String, message: BusMessage)] {
        let time = now()
        var due: [InFlight] = []
        guard inbound[department]?.isEmpty == false else { return [] }
        inbound[department]!.removeAll { item in
            guard item.at <= time else { return false }
            due.append(item)
            onLink[Link(from: item.from, to: item.to)]! -= 1
            return true
        }
        return due.sorted { ($0.at, $0.order) < ($1.at, $1.order) }.map { ($0.from, $0.message) }
    }

    /// Drops everything in flight from or to `department` (its process died).
    func drop(_ department: String) {
        inbound[department] = nil
        for to in inbound.keys { inbound[to]!.removeAll { $0.from == department } }
        onLink = onLink.filter { $0.key.from != department && $0.key.to != department && $0.value > 0 }
    }

    /// Whether nothing is in flight.
    var isIdle: Bool { inbound.values.allSatisfy(\.isEmpty) }
}

/// One node's view of a ``SimNetwork``.
public final class SimTransport: BusTransport {
    private let network: SimNetwork
    private let department: String

    init(network: SimNetwork, department: String) {
        self.network = network
        self.department = department
    }

    public func send(_ message: BusMessage, to peer: String) -> Bool {
        network.send(message, from: department, to: peer)
    }
}
