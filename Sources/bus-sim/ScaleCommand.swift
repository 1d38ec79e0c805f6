import ArgumentParser
import BusSimulation
import Foundation

/// `bus-sim scale`: N simulated agents per run, idle then a burst; a table of cost per agent.
struct ScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Run N simulated agents (idle heartbeats, then a burst) and print cost per agent as N grows.",
        discussion: """
            Each N runs real replicators over in-memory stores on a simulated network without \
            faults: start-up, one event per agent, `--idle` simulated seconds of heartbeats \
            (measured), then every agent appends `--burst` events at once (convergence measured \
            in simulated time). Then it checks that every agent holds exactly the logs of its \
            scope, the same record as their origins', with every acknowledged event. Progress \
            goes to stderr.
            Examples:
              bus-sim scale --agents 16,64,256,1000
              bus-sim scale --agents 64 --shape flat --json
            Exit status: 0 every invariant held, 1 some run failed, 64 bad usage.
            """)

    @Option(help: "Agent counts, comma-separated (2…5000 each).") var agents = "16,64,256,1000"
    @Option(help: "Membership shape: city (city departments + districts of bureaus) or flat.")
    var shape: ScaleConfiguration.Shape = .city
    @Option(help: "Simulated seconds of idle heartbeats measured.") var idle = 10
    @Option(help: "Events every agent appends in the burst.") var burst = 10
    @Option(help: "Payload bytes per event.") var payload = 1024
    @Option(help: "The seed of keys and network delays.") var seed: UInt64 = 1
    @Flag(help: "Print one JSON report per N instead of the table.") var json = false

    var counts: [Int] { agents.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        let parts = agents.split(separator: ",")
        guard !parts.isEmpty, counts.count == parts.count, counts.allSatisfy({ (2...5000).contains($0) }) else {
            throw ValidationError("--agents must be a comma-separated list of counts 2…5000, e.g. 16,64,256,1000")
        }
        guard (1...3600).contains(idle) else { throw ValidationError("--idle must be 1…3600 simulated seconds") }
        guard (1...100_000).contains(burst) else { throw ValidationError("--burst must be 1…100000 events") }
        guard (0...(1 << 20)).contains(payload) else { throw ValidationError("--payload must be 0…1048576 bytes") }
    }

    func run() throws {
        var reports: [ScaleReport] = []
        for count in counts {
            var configuration = ScaleConfiguration(agents: count, shape: shape)
            configuration.idleSeconds = idle
            configuration.burstEvents = burst
            configuration.payloadBytes = payload
            configuration.seed = seed
            let simulation = try ScaleSimulation(configuration)
            simulation.progress = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            let report = try simulation.run()
            reports.append(report)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            }
            FileHandle.standardError.write(
                Data("bus-sim scale: \(count) agents done in \(String(format: "%.1f", report.wallSeconds)) s\n".utf8))
        }
        if !json { print(ScaleTable(reports: reports).text) }
        if reports.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}

extension ScaleConfiguration.Shape: ExpressibleByArgument {}
