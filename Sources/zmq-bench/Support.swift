import Dispatch
import Synchronization

/// A value handed from one thread to another once (e.g. a bound endpoint).
final class Handoff<Value: Sendable>: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let slot = Mutex<Value?>(nil)

    func put(_ value: Value) {
        slot.withLock { $0 = value }
        semaphore.signal()
    }

    func take() -> Value {
        semaphore.wait()
        return slot.withLock { $0! }
    }
}

/// Figures of one throughput run.
struct Throughput: Sendable {
    var messages: Int
    var seconds: Double
    var perSecond: Double { Double(messages) / seconds }
}

/// Figures of one latency run (round-trip times in microseconds).
struct Latency: Sendable {
    var samples: [Double]
    var seconds: Double

    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p / 100).rounded(.down)))]
    }
    var perSecond: Double { Double(samples.count) / seconds }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
}
