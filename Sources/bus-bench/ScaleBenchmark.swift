import Foundation
import SupervisionBus
import SupervisionBusTesting

/// `bus-bench scale`: how the bus's cost grows with the number of agents, one row per N.
struct ScaleBenchmark {
    var workDirectory: String
    var agentPath: String
    var heartbeatMs: Int64
    var pollMs: Int
    var idleSeconds: Double
    var burst: Int
    var size: Int
    var burstTimeoutSeconds: Double
    var floorMicrosPerDelivery: Double
    var cores: Int

    func progress(_ text: String) {
        FileHandle.standardError.write(Data("bus-bench scale: \(text)\n".utf8))
    }

    /// Starts `shape`'s agents, measures idle, burst, idle with full stores and a restart.
    func row(_ shape: CityShape, name: String) throws -> ScaleRow {
        let loadStart = loadAverage()
        let count = shape.members.count
        progress("N=\(count) \(name): starting \(count) agents")
        let group = try AgentGroup(
            parent: workDirectory, departments: shape.ids, agentPath: agentPath, heartbeatMs: heartbeatMs,
            placements: shape.placements)
        defer { group.shutdown() }
        let started = monotonicNanos()
        try group.startAll()
        try group.waitConnected(timeoutSeconds: max(60, Double(count) * 2))
        let startSeconds = secondsSince(started)
        progress("N=\(count): all ready and connected in \(Format.fixed(startSeconds, 1)) s; idle \(idleSeconds) s")
        let idle = try idleWindow(group)
        let connections = establishedConnections(toPorts: Set(group.ports.values))
        progress("N=\(count): idle CPU \(Format.fixed(idle.cpuPercent, 1)) %, \(connections) connections; burst")
        let burst = try self.burst(group)
        progress(
            "N=\(count): burst \(burst.converged ? "converged" : "NOT converged") in \(Format.fixed(burst.seconds, 1)) s; "
                + "idle with full stores")
        // At rest: the last changes announced (a heartbeat each, then one idle HEAD) and stored.
        sleepMs(Int(3 * heartbeatMs))
        let idleFull = try idleWindow(group)
        progress("N=\(count): idle CPU (full) \(Format.fixed(idleFull.cpuPercent, 1)) %; restart")
        let restart = try self.restart(group, department: shape.ids.last!)
        progress("N=\(count): restarted \(restart.agent) ready in \(Format.fixed(restart.readySeconds, 2)) s")
        let topology = group.topology
        return ScaleRow(
            agents: count, shape: name, cityDepartments: shape.members.filter { $0.jurisdiction.isCity }.count,
            districts: Set(shape.members.map(\.jurisdiction)).subtracting([.city]).count,
            connections: connections,
            connectionsByScope: shape.ids.reduce(0) { $0 + topology.peers(of: $1).count },
            startSeconds: startSeconds, idle: idle, idleFull: idleFull, burst: burst, restart: restart,
            loadAverageStart: loadStart, loadAverageEnd: loadAverage())
    }

    /// Every agent's metrics now (one status round trip each).
    private func metrics(_ group: AgentGroup) throws -> [String: BusMetrics] {
        var all: [String: BusMetrics] = [:]
        for department in group.departments { all[department] = try group.status(department, brief: true).metrics }
        return all
    }

    private func idleWindow(_ group: AgentGroup) throws -> IdleWindow {
        let before = try metrics(group)
        let cpuBefore = group.usage().cpuSeconds
        let start = monotonicNanos()
        sleepMs(Int(idleSeconds * 1000))
        try group.checkAlive()
        let seconds = secondsSince(start)
        let cpu = group.usage().cpuSeconds - cpuBefore
        let after = try metrics(group)
        let sum = Deltas(before: before, after: after)
        let count = Double(group.departments.count)
        return IdleWindow(
            seconds: seconds, cpuPercent: cpu / seconds * 100, cpuPercentPerAgent: cpu / seconds * 100 / count,
            bytesSentPerSecond: Double(sum { $0.bytesSent }) / seconds,
            messagesSentPerSecond: Double(sum { $0.messagesSent }) / seconds,
            headEntriesPerAgentPerSecond: Double(sum { $0.headEntriesSent }) / seconds / count,
            liveness: sum.liveness)
    }

    private func burst(_ group: AgentGroup) throws -> BurstResult {
        let topology = group.topology
        var targets: [String: UInt64] = [:]
        for department in group.departments {
            targets[department] = (try group.status(department).heads[department]?.seq ?? 0) + UInt64(burst)
        }
        let before = try metrics(group)
        let cpuBefore = group.usage().cpuSeconds
        let start = monotonicNanos()
        for department in group.departments {
            _ = try group.control(
                department, ControlRequest(command: "load", total: targets[department]!, rate: 0, size: size),
                timeoutMs: 30_000)
        }
        var pending = Set(group.departments)
        while !pending.isEmpty && secondsSince(start) < burstTimeoutSeconds {
            let turn = monotonicNanos()
            for department in pending.sorted() {
                guard let status = try? group.status(department, timeoutMs: 10_000, brief: true) else { continue }
                let holdsScope = topology.scope(of: department).allSatisfy { origin in
                    (status.heads[origin]?.seq ?? 0) >= targets[origin] ?? 0
                }
                if holdsScope { pending.remove(department) }
            }
            try group.checkAlive()
            let spentMs = Int((monotonicNanos() - turn) / 1_000_000)
            if spentMs < pollMs { sleepMs(pollMs - spentMs) }
        }
        let seconds = secondsSince(start)
        let cpu = group.usage().cpuSeconds - cpuBefore
        if !pending.isEmpty { progress("not converged after \(Int(seconds)) s: \(pending.sorted().prefix(8))…") }
        let after = try metrics(group)
        let sum = Deltas(before: before, after: after)
        let live = sum { $0.received }
        let fetched = sum { $0.repaired }
        let deliveries = live + fetched
        let events = burst * group.departments.count
        let byScope = group.departments.reduce(0) { total, origin in
            total + group.departments.filter { $0 != origin && topology.holds($0, origin: origin) }.count * burst
        }
        let floor = Double(deliveries) * floorMicrosPerDelivery / 1e6 / Double(cores)
        return BurstResult(
            eventsPerAgent: burst, size: size, events: events, seconds: seconds, converged: pending.isEmpty,
            deliveries: deliveries, live: live, fetched: fetched, fetchesSent: sum { $0.fetchesSent },
            deliveriesPerEvent: Double(deliveries) / Double(events),
            deliveriesPerEventByScope: Double(byScope) / Double(events),
            cpuMicrosPerDelivery: deliveries > 0 ? cpu * 1e6 / Double(deliveries) : 0, cpuSeconds: cpu,
            floorMicrosPerDelivery: floorMicrosPerDelivery, floorSeconds: floor,
            ratioToFloor: floor > 0 ? seconds / floor : 0, bytesSent: sum { $0.bytesSent }, liveness: sum.liveness)
    }

    private func restart(_ group: AgentGroup, department: String) throws -> RestartResult {
        let stopping = monotonicNanos()
        group.stop(department)
        let stopSeconds = secondsSince(stopping)
        let starting = monotonicNanos()
        try group.start(department)
        let status = try? group.waitFor(
            department, "\(department) ready after restart", timeoutSeconds: 120, pollMs: 20
        ) {
            $0.ready
        }
        return RestartResult(
            agent: department, stopSeconds: stopSeconds, readySeconds: secondsSince(starting), ready: status != nil)
    }
}

/// Per-agent metric deltas over a window, summed with a key path-like closure.
private struct Deltas {
    var before: [String: BusMetrics]
    var after: [String: BusMetrics]

    func callAsFunction(_ value: (BusMetrics) -> UInt64) -> UInt64 {
        after.reduce(0) { total, entry in
            let old = before[entry.key].map(value) ?? 0
            let new = value(entry.value)
            return total + (new >= old ? new - old : new)  // a restarted agent counts from 0
        }
    }

    var liveness: LivenessChanges {
        LivenessChanges(
            evasive: self { $0.peersEvasive }, silent: self { $0.peersSilent }, expired: self { $0.peersExpired })
    }
}
