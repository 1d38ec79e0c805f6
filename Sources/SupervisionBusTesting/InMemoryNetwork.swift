import SupervisionBus
import SupervisionProtocol

/// A deterministic in-process network of ``Replicator``s for tests and simulations.
///
/// Each node's outbox is a queue per destination with a capacity, so a full queue refuses a
/// send exactly as a ZeroMQ DEALER at its high-water mark does. ``InMemoryNetwork/deliver(to:)``
/// hands a node everything queued for it. Links can be cut to simulate partitions.
public final class InMemoryNetwork {
    /// Messages queued per destination, with their sender.
    private var queues: [String: [(peer: String, message: BusMessage)]] = [:]
    /// Most messages queued per (sender, destination) pair.
    public var capacity: Int
    /// Directed links that drop everything (sender → destination).
    public var cut: Set<[String]> = []
    /// Directed links that lose everything silently: the send is taken, the message never
    /// arrives (as a connection that drops takes its queue with it).
    public var lossy: Set<[String]> = []

    /// A network whose queues hold at most `capacity` messages per link.
    public init(capacity: Int = 64) { self.capacity = capacity }

    /// The transport of node `department`.
    public func transport(for department: String) -> InMemoryTransport {
        InMemoryTransport(network: self, department: department)
    }

    fileprivate func enqueue(_ message: BusMessage, from sender: String, to destination: String) -> Bool {
        if cut.contains([sender, destination]) { return false }
        if lossy.contains([sender, destination]) { return true }
        let pending = queues[destination, default: []].lazy.filter { $0.peer == sender }.count
        guard pending < capacity else { return false }
        queues[destination, default: []].append((sender, message))
        return true
    }

    /// Takes everything queued for `department`.
    public func deliver(to department: String) -> [(peer: String, message: BusMessage)] {
        defer { queues[department] = [] }
        return queues[department] ?? []
    }

    /// Whether any message is queued anywhere.
    public var isIdle: Bool { queues.values.allSatisfy(\.isEmpty) }
}

/// One node's view of an ``InMemoryNetwork``.
public final class InMemoryTransport: BusTransport {
    private let network: InMemoryNetwork
    private let department: String

    fileprivate init(network: InMemoryNetwork, department: String) {
        self.network = network
        self.department = department
    }

    public func send(_ message: BusMessage, to peer: String) -> Bool {
        network.enqueue(message, from: department, to: peer)
    }
}
