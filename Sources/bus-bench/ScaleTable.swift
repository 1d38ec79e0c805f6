/// The human-readable report of `bus-bench scale`: an idle table and a burst table, one row per N.
enum ScaleTable {
    static func render(_ report: ScaleReport) -> String {
        var idle = [
            [
                "N", "shape", "TCP conns (by scope)", "ready in", "idle CPU, all", "per agent", "bus traffic",
                "msgs/s", "HEAD entries/agent/s", "full stores: CPU", "traffic", "liveness changes idle",
            ]
        ]
        var burst = [
            [
                "N", "K", "converged in", "CPU floor", "÷ floor", "CPU/delivery", "deliveries/event (scope)",
                "live / fetched", "fetches", "evasive/silent/expired", "restart ready", "load avg",
            ]
        ]
        for row in report.rows {
            let shape =
                row.shape == "city" ? "city \(row.cityDepartments)+\(row.districts)d" : row.shape
            idle.append([
                "\(row.agents)", shape,
                "\(Format.count(Double(row.connections))) (\(Format.count(Double(row.connectionsByScope))))",
                "\(Format.fixed(row.startSeconds, 1)) s", "\(Format.fixed(row.idle.cpuPercent, 1)) %",
                "\(Format.fixed(row.idle.cpuPercentPerAgent, 2)) %", bytes(row.idle.bytesSentPerSecond),
                Format.count(row.idle.messagesSentPerSecond), Format.count(row.idle.headEntriesPerAgentPerSecond),
                "\(Format.fixed(row.idleFull.cpuPercent, 1)) %", bytes(row.idleFull.bytesSentPerSecond),
                "\(row.idle.liveness.total) / \(row.idleFull.liveness.total)",
            ])
            let b = row.burst
            let deliveries = Double(b.deliveries)
            burst.append([
                "\(row.agents)", "\(b.eventsPerAgent)",
                "\(Format.fixed(b.seconds, b.seconds < 1 ? 2 : 1)) s" + (b.converged ? "" : " (NOT converged)"),
                "\(Format.fixed(b.floorSeconds, b.floorSeconds < 1 ? 2 : 1)) s", "\(Format.fixed(b.ratioToFloor, 1))×",
                "\(Format.fixed(b.cpuMicrosPerDelivery, 1)) µs",
                "\(Format.fixed(b.deliveriesPerEvent, 1)) (\(Format.fixed(b.deliveriesPerEventByScope, 1)))",
                deliveries > 0
                    ? "\(Format.percent(Double(b.live) / deliveries)) / \(Format.percent(Double(b.fetched) / deliveries))"
                    : "-",
                Format.count(Double(b.fetchesSent)),
                "\(b.liveness.evasive)/\(b.liveness.silent)/\(b.liveness.expired)",
                "\(Format.fixed(row.restart.readySeconds, 2)) s" + (row.restart.ready ? "" : " (NOT ready)"),
                "\(Format.fixed(row.loadAverageStart, 1)) → \(Format.fixed(row.loadAverageEnd, 1))",
            ])
        }
        let header =
            "bus-bench scale: \(report.cores) cores, heartbeat \(report.heartbeatMs) ms, idle windows "
            + "\(Format.fixed(report.idleSeconds, 0)) s; CPU as % of one core; floor = deliveries × "
            + "\(Format.fixed(report.rows.first?.burst.floorMicrosPerDelivery ?? 0, 0)) µs ÷ \(report.cores) cores"
        return
            ([header, "", "idle"] + Table.align(idle) + ["", "burst: every agent appends K events at once"]
            + Table.align(burst)).joined(separator: "\n")
    }

    /// 1234567 → "1.2 MB/s".
    static func bytes(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return "\(Format.fixed(perSecond / 1e6, 1)) MB/s" }
        if perSecond >= 1e3 { return "\(Format.fixed(perSecond / 1e3, 1)) KB/s" }
        return "\(Format.count(perSecond)) B/s"
    }
}
