import Synchronization
import ZeroMQ

/// A DEALER connected to an agent's bus ROUTER as `department` would be, on a thread of its
/// own, that sends `messages` and stays connected until ``finish()``, counting the times its
/// connection is lost meanwhile.
final class HeldDealer: Sendable {
    private final class Flag: Sendable { let value = Atomic<Bool>(false) }
    private let done = Flag()
    private let thread: ZMQThread<Int>

    init(
        _ cluster: AgentCluster, to target: String, as department: String, routingID: String? = nil,
        sending messages: [[UInt8]]
    ) {
        let done = self.done
        thread = ZMQThread(name: "held-dealer") {
            var monitor: Monitor?
            let dealer = try cluster.dealer(to: target, as: department, routingID: routingID) { socket in
                monitor = try socket.startMonitor(events: [.disconnected])
            }
            defer {
                monitor?.close()
                dealer.close()
            }
            for message in messages { _ = try dealer.send([message]) }
            var lost = 0
            let deadline = ContinuousClock.now + .seconds(120)
            while !done.value.load(ordering: .acquiring) && ContinuousClock.now < deadline {
                if try monitor?.receive(timeoutMilliseconds: 50) != nil { lost += 1 }
            }
            return lost
        }
    }

    /// Closes the DEALER; returns how many times its connection was lost.
    func finish() async throws -> Int {
        done.value.store(true, ordering: .releasing)
        return try await thread.value
    }
}
