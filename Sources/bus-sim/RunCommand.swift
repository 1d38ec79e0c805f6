import ArgumentParser
import BusSimulation
import Foundation
import Synchronization

/// `bus-sim run` (the default): seeded runs under faults, checking the invariants.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole bus in one process under seeded faults and check its invariants.",
        discussion: """
            Each run puts N real replicators over real stores on a simulated network, disk and \
            clock, has every department write the events of joint supervision (findings on \
            checklist items, referrals, acknowledgements, outcomes, intents, draws), injects \
            faults drawn from the seed (message loss, duplication, delay and reordering; \
            partitions, one-way cuts; crashes; restores of a backup; lost stores; full disks; \
            clock skew; a second process with a department's keys; changes of data rights; \
            members joining and leaving), heals, and checks the invariants. A failing run prints \
            its seed: `bus-sim --seed S` replays it exactly (SIM_LOG=1 prints every node's log).
            Examples:
              bus-sim --seed 42 --nodes 6 --steps 3000
              bus-sim --seeds 1000 --first 1      # a soak: seeds 1…1000
            (`bus-sim scale` measures cost per agent with hundreds of agents instead.)
            Exit status: 0 every invariant held, 1 some run failed, 64 bad usage.
            """)

    @Option(help: "Run this one seed.") var seed: UInt64?
    @Option(help: "Run this many seeds, from --first on.") var seeds = 1
    @Option(help: "The first seed of --seeds.") var first: UInt64 = 1
    @Option(help: "Nodes per run (4 to 16); with --seeds, 0 draws 4…8 from each seed.") var nodes = 0
    @Option(help: "Steps of 10 simulated ms before healing.") var steps = 2000
    @Option(help: "Runs at a time (threads); default: the processors available.") var jobs: Int?
    @Flag(help: "Print one JSON report per run.") var json = false

    func validate() throws {
        guard nodes == 0 || (4...16).contains(nodes) else { throw ValidationError("--nodes must be 4…16 (or 0)") }
        guard (10...1_000_000).contains(steps) else { throw ValidationError("--steps must be 10…1000000") }
        guard (1...1_000_000).contains(seeds) else { throw ValidationError("--seeds must be 1…1000000") }
        guard jobs.map({ (1...256).contains($0) }) ?? true else { throw ValidationError("--jobs must be 1…256") }
    }

    func run() throws {
        let list = seed.map { [$0] } ?? (0..<UInt64(seeds)).map { first + $0 }
        let started = Date()
        let reports = try Self.simulate(list, nodes: nodes, steps: steps, jobs: jobs ?? Self.processors)
        let failed = reports.filter { !$0.passed }.map(\.seed)
        for report in reports {
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else if !report.passed || list.count == 1 {
                print(Self.describe(report))
            }
        }
        if !json && list.count > 1 {
            let seconds = Date().timeIntervalSince(started)
            print(
                "\(list.count) seeds, \(list.count - failed.count) passed, \(failed.count) failed in \(String(format: "%.1f", seconds)) s"
                    + (failed.isEmpty ? "" : "; failing seeds: \(failed.map(String.init).joined(separator: " "))"))
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    static var processors: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `seeds` on `jobs` threads (each run is independent and deterministic), reporting
    /// progress on stderr every tenth of the runs; returns the reports in seed order.
    static func simulate(_ seeds: [UInt64], nodes: Int, steps: Int, jobs: Int) throws -> [SimReport] {
        struct Progress {
            var next = 0
            var done = 0
            var failed = 0
            var results: [Result<SimReport, any Error>?]
        }
        let progress = Mutex(Progress(results: Array(repeating: nil, count: seeds.count)))
        let step = max(1, seeds.count / 10)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, seeds.count))) { _ in
            while true {
                let index = progress.withLock { state in
                    defer { state.next += 1 }
                    return state.next
                }
                guard index < seeds.count else { return }
                let seed = seeds[index]
                let size = nodes > 0 ? nodes : 4 + Int(seed % 5)
                let result = Result { try Simulation(SimConfiguration(seed: seed, nodes: size, steps: steps)).run() }
                let (done, failed) = progress.withLock { state in
                    state.results[index] = result
                    state.done += 1
                    if (try? result.get().passed) != true { state.failed += 1 }
                    return (state.done, state.failed)
                }
                if seeds.count > 1 && done % step == 0 {
                    FileHandle.standardError.write(
                        Data("bus-sim: \(done)/\(seeds.count) seeds run, \(failed) failed\n".utf8))
                }
            }
        }
        return try progress.withLock { state in try state.results.map { try $0!.get() } }
    }

    static func describe(_ report: SimReport) -> String {
        var lines = [
            "seed \(report.seed): \(report.passed ? "PASS" : "FAIL")  nodes \(report.nodes)  steps \(report.steps) + \(report.healSteps) healing",
            "  appended \(report.appended)  refused appends \(report.refusedAppends)  lost with a store \(report.lostWithStore)  messages \(report.messages)",
            "  faults: "
                + report.faults.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
                .joined(separator: ", "),
            "  digest \(report.digest.prefix(16))",
        ]
        for violation in report.violations {
            lines.append("  VIOLATED \(violation.invariant.rawValue): \(violation.detail)")
        }
        return lines.joined(separator: "\n")
    }
}
