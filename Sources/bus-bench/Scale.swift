import ArgumentParser
import Foundation
import SupervisionBusTesting

extension BusBench {
    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How the bus's cost grows with N: one row per number of real agents.",
            discussion: """
                For each N it starts N supervision-agent processes on loopback (one membership: \
                `flat`, every agent at city level, or `city`, city departments and district bureaus \
                from CityShape), waits until all are ready and connected, then measures: TCP \
                connections, idle CPU and bus traffic, a burst (every agent appends K events at once) \
                until every agent holds its scope, the same idle with full stores, and a restart of \
                one agent until it is ready. Progress on stderr; the table (or --json) on stdout.
                """)

        @Option(help: "Numbers of agents, comma-separated.")
        var agents: String = "4,16,32,64"

        @Option(help: "Membership shape: flat (one scope) or city (city departments + districts).")
        var shape: String = "flat"

        @Option(help: "Burst: events every agent appends at once.")
        var burst: Int = 500

        @Option(help: "Burst: payload bytes per event.")
        var size: Int = 1000

        @Option(help: "Seconds of each idle window (after connecting; again with full stores).")
        var idleSeconds: Double = 10

        @Option(help: "Give up waiting for a burst to converge after this many seconds.")
        var burstTimeout: Double = 300

        @Option(help: "Reference CPU µs per delivery for the floor (measured at N ≤ 32 in issue 12).")
        var floorMicros: Double = 14

        @Option(help: "Status polling interval in ms while waiting for the burst.")
        var pollMs: Int = 100

        @OptionGroup var options: AgentOptions

        var counts: [Int] { agents.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

        func validate() throws {
            guard !counts.isEmpty, counts.allSatisfy({ (2...256).contains($0) }),
                counts.count == agents.split(separator: ",").count
            else { throw ValidationError("--agents must be numbers 2…256, comma-separated") }
            guard ["flat", "city"].contains(shape) else { throw ValidationError("--shape must be flat or city") }
            guard burst > 0, idleSeconds > 0, burstTimeout > 0, floorMicros > 0 else {
                throw ValidationError("counts and durations must be positive")
            }
        }

        func run() throws {
            Cleanup.shared.installSignalHandlers()
            defer { Cleanup.shared.runAll() }
            let agentPath = try options.agentPath()
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let work = try makeTemporaryDirectory(in: options.workDir, prefix: "bus-bench-scale-")
            let benchmark = ScaleBenchmark(
                workDirectory: work, agentPath: agentPath, heartbeatMs: options.heartbeatMs, pollMs: pollMs,
                idleSeconds: idleSeconds, burst: burst, size: size, burstTimeoutSeconds: burstTimeout,
                floorMicrosPerDelivery: floorMicros, cores: cores)
            var report = ScaleReport(cores: cores, heartbeatMs: options.heartbeatMs, idleSeconds: idleSeconds, rows: [])
            for count in counts {
                do {
                    report.rows.append(
                        try benchmark.row(shape == "city" ? .city(count) : .flat(count), name: shape))
                } catch {
                    FileHandle.standardError.write(Data("bus-bench scale: N=\(count) failed: \(error)\n".utf8))
                    if !options.json { print(ScaleTable.render(report)) }
                    throw ExitCode(1)
                }
            }
            if options.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(ScaleTable.render(report))
            }
        }
    }
}
