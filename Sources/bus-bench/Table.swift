/// The human-readable report.
enum Table {
    static func render(_ report: Report) -> String {
        var rows: [[String]] = [["measure", "bus", "baseline (same run)", "ratio", "goal", "met"]]
        if let fanout = report.fanout {
            let perSecond = "events/s"
            rows.append([
                "durable fan-out: \(Format.count(Double(fanout.events))) × \(fanout.size) B, 1 origin → "
                    + "\(fanout.subscribers) agents (median of \(fanout.durable.count))",
                "\(Format.count(fanout.durableMedian)) \(perSecond)",
                "raw PUB/SUB 1→\(fanout.subscribers) processes: \(Format.count(fanout.rawMedian)) \(perSecond)",
                Format.percent(fanout.ratio), "≥100,000/s and ≥15%",
                fanout.durableMedian >= 100_000 && fanout.ratio >= 0.15 ? "yes" : "no",
            ])
            rows.append([
                "  runs", fanout.durable.map { Format.count($0.eventsPerSecond) }.joined(separator: " "),
                fanout.raw.map { Format.count($0.eventsPerSecond) }.joined(separator: " "), "", "", "",
            ])
            let fetched = fanout.durable.map { Format.count(Double($0.fetchedEvents)) }.joined(separator: " ")
            rows.append([
                "  origin alone / events fetched (not pushed)",
                fanout.durable.map { Format.count(Double(fanout.events) / $0.originSeconds) }.joined(separator: " ")
                    + " / " + fetched,
                "raw lossless: \(fanout.raw.allSatisfy(\.lossless) ? "yes" : "NO")", "", "",
                "logs identical: \(fanout.durable.allSatisfy(\.hashesMatch) ? "yes" : "NO")",
            ])
            rows.append([
                "  CPU µs per event, all processes (disk bytes per event)",
                "\(Format.fixed(fanout.durableCPUMicrosPerEvent, 1)) µs "
                    + "(\(Format.count(fanout.durableDiskBytesPerEvent)) B)",
                "raw: \(Format.fixed(fanout.rawCPUMicrosPerEvent, 1)) µs",
                Format.fixed(fanout.durableCPUMicrosPerEvent / fanout.rawCPUMicrosPerEvent, 1) + "×", "", "",
            ])
        }
        if let security = report.security {
            let load = "\(Format.count(Double(security.events))) × \(security.size) B, 1 → \(security.subscribers)"
            rows.append([
                "security: durable fan-out, CURVE + ZAP on (\(load), median of \(security.secure.count))",
                "\(Format.count(security.secureMedian)) events/s",
                "raw PUB/SUB with CURVE: \(Format.count(security.rawCurveMedian)) events/s",
                Format.percent(security.secureToRawCurve), "", "",
            ])
            rows.append([
                "  the same bus with security off (insecureTransport)",
                "\(Format.count(security.insecureMedian)) events/s",
                "raw PUB/SUB plain: \(Format.count(security.rawPlainMedian)) events/s", "", "", "",
            ])
            rows.append([
                "  cost of security: throughput off ÷ on",
                Format.fixed(security.busCost, 2) + "×",
                "raw CURVE's own cost (plain ÷ CURVE): " + Format.fixed(security.rawCurveCost, 2) + "×", "",
                "bus ≤ raw CURVE", security.goalMet ? "yes" : "no",
            ])
            rows.append([
                "  CPU µs per event, all agents, on / off",
                "\(Format.fixed(security.secureCPUMicrosPerEvent, 1)) / \(Format.fixed(security.insecureCPUMicrosPerEvent, 1)) µs",
                "Ed25519 per core: \(Format.count(security.signaturesPerSecond)) signs/s, "
                    + "\(Format.count(security.verificationsPerSecond)) verifies/s (always on, one per batch)",
                "", "", "",
            ])
        }
        if let catchup = report.catchup {
            rows.append([
                "catch-up: \(Format.count(Double(catchup.events))) × \(catchup.size) B behind",
                "\(Format.count(catchup.catchupEventsPerSecond)) events/s (\(Format.fixed(catchup.catchupSeconds, 1)) s)",
                "store insert only: \(Format.count(catchup.storeInsertEventsPerSecond)) events/s",
                Format.percent(catchup.ratioToStoreInsert), "≥200,000/s",
                catchup.catchupEventsPerSecond >= 200_000 ? "yes" : "no",
            ])
            rows.append([
                "", "", "origin's own append: \(Format.count(catchup.fillEventsPerSecond)) events/s",
                Format.percent(catchup.ratioToFill), "", "",
            ])
            rows.append([
                "  CPU µs per event, late agent + origin (late's disk bytes per event)",
                "\(Format.fixed(catchup.catchupCPUMicrosPerEvent, 1)) µs "
                    + "(\(Format.count(catchup.catchupDiskBytesPerEvent)) B)",
                "fetches: \(catchup.fetchesSent), events fetched: \(Format.count(Double(catchup.fetchedEvents)))",
                "", "", "",
            ])
        }
        if let latency = report.latency {
            let load = "\(Format.count(latency.rate))/s × \(latency.size) B, \(latency.samples) samples"
            rows.append([
                "latency append → durable at peer, p50 (\(load))", "\(Format.fixed(latency.p50Ms, 2)) ms",
                "raw DEALER→ROUTER one-way: \(Format.fixed(latency.rawOneWayP50Ms, 3)) ms",
                "\(Format.fixed(latency.ratioP50, 0))×", "", "",
            ])
            rows.append([
                "latency append → durable at peer, p99 (max \(Format.fixed(latency.maxMs, 2)) ms)",
                "\(Format.fixed(latency.p99Ms, 2)) ms",
                "raw DEALER→ROUTER one-way: \(Format.fixed(latency.rawOneWayP99Ms, 3)) ms",
                "\(Format.fixed(latency.ratioP99, 0))×", "≤5 ms", latency.p99Ms <= 5 ? "yes" : "no",
            ])
            rows.append([
                "  floor: 1 KiB append + fdatasync here, p50 / p99 (an event pays two)",
                "", "\(Format.fixed(latency.fsyncP50Ms, 2)) / \(Format.fixed(latency.fsyncP99Ms, 2)) ms",
                "\(Format.fixed(latency.p50Ms / (2 * latency.fsyncP50Ms), 1))× (p50 vs 2 fsyncs)", "", "",
            ])
        }
        let lines = [
            "bus-bench: \(report.cores) cores, load average \(Format.fixed(report.loadAverageStart, 1)) → "
                + "\(Format.fixed(report.loadAverageEnd, 1)) (shared machine: compare ratios within one run); "
                + "heartbeat \(report.heartbeatMs) ms",
            "",
        ]
        return (lines + align(rows)).joined(separator: "\n")
    }

    /// `rows` as lines of left-aligned columns, the first row a header underlined with dashes.
    static func align(_ rows: [[String]]) -> [String] {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var lines: [String] = []
        for (number, row) in rows.enumerated() {
            lines.append(
                row.enumerated().map { index, cell in
                    cell + String(repeating: " ", count: widths[index] - cell.count)
                }.joined(separator: "  ").trimmingTrailingSpaces())
            if number == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
