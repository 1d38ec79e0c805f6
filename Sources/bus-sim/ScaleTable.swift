import BusSimulation
import Foundation

/// The table `bus-sim scale` prints: one row per N, then any violated invariant.
struct ScaleTable {
    let reports: [ScaleReport]

    var text: String {
        let header = [
            "N", "peers/agent (max)", "scope (max)", "idle msg/agent/s (max)", "idle B/agent/s",
            "idle HEAD entries/agent/s",
            "idle CPU µs/agent/s", "stores/event (topology)", "burst msg/event", "burst converged", "repaired",
            "liveness changes", "wall s", "CPU s", "invariants",
        ]
        var rows = [header]
        for r in reports {
            rows.append([
                "\(r.configuration.agents) \(r.configuration.shape.rawValue)",
                "\(f(r.peersMean)) (\(r.peersMax))", "\(f(r.scopeMean)) (\(r.scopeMax))",
                "\(f(r.idleMessagesPerAgentSecond)) (\(f(r.idleMessagesBusiestAgentSecond)))",
                f(r.idleBytesPerAgentSecond, 0), f(r.idleHeadEntriesPerAgentSecond, 2),
                f(r.idleCPUMicrosPerAgentSecond, 0),
                "\(f(r.storesPerEvent)) (\(f(r.storesPerEventByTopology)))", f(r.burstMessagesPerEvent, 2),
                r.burstConvergedMs.map { "\(f(Double($0) / 1000, 2)) s" } ?? "no", "\(r.repaired)",
                "\(r.livenessChanges)",
                f(r.wallSeconds), f(r.cpuSeconds), r.passed ? "held" : "VIOLATED",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        for r in reports {
            lines += r.violations.map {
                "VIOLATED (\(r.configuration.agents) \(r.configuration.shape.rawValue)): \($0)"
            }
        }
        return lines.joined(separator: "\n")
    }

    private func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}
