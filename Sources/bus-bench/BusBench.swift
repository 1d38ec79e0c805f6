import ArgumentParser
import Foundation

@main
struct BusBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus-bench",
        abstract: "Benchmarks the JointSupervision bus against raw libzmq and SQLite, in the same run.",
        discussion: """
            Starts real supervision-agent processes (from this executable's directory, or --agent) on \
            loopback with ephemeral ports in a temporary directory, and measures durable fan-out, catch-up \
            and append-to-durable-at-peer latency, each next to a baseline measured in the same run. Build \
            with `swift build -c release` and run `.build/release/bus-bench`. The raw-* subcommands are the \
            baseline processes it starts itself; `scale` measures how the bus's cost grows with the number of agents.
            """,
        subcommands: [Run.self, Scale.self, RawPub.self, RawSub.self, RawEcho.self],
        defaultSubcommand: Run.self)
}

extension BusBench {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the benchmarks and print a table (or JSON).")

        @Option(help: "Benchmarks to run, comma-separated: fanout, catchup, latency, security.")
        var only: String = "fanout,catchup,latency,security"

        @Option(help: "Fan-out: events the origin appends.")
        var events: Int = 200_000

        @Option(help: "Fan-out: payload bytes per event.")
        var size: Int = 1000

        @Option(help: "Fan-out: subscriber agents (and raw SUB processes).")
        var subscribers: Int = 3

        @Option(help: "Fan-out: runs of each (durable and raw, interleaved); the median is reported.")
        var repeats: Int = 3

        @Option(help: "Catch-up: how many events behind the late agent starts.")
        var catchupEvents: Int = 1_000_000

        @Option(help: "Catch-up: payload bytes per event.")
        var catchupSize: Int = 200

        @Option(help: "Latency: events per second the origin appends.")
        var latencyRate: Double = 200

        @Option(help: "Latency: seconds of load.")
        var latencySeconds: Double = 10

        @Option(help: "Latency: payload bytes per event.")
        var latencySize: Int = 1000

        @Option(help: "Status polling interval in ms while waiting for heads.")
        var pollMs: Int = 50

        @OptionGroup var agents: AgentOptions

        func validate() throws {
            let known: Set = ["fanout", "catchup", "latency", "security"]
            for name in selected where !known.contains(name) {
                throw ValidationError("unknown benchmark \(name); known: fanout, catchup, latency, security")
            }
            guard events > 0, catchupEvents > 0, repeats > 0, subscribers > 0, latencyRate > 0, latencySeconds > 0
            else { throw ValidationError("counts, rates and durations must be positive") }
        }

        var selected: [String] { only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

        func run() throws {
            Cleanup.shared.installSignalHandlers()
            defer { Cleanup.shared.runAll() }
            let directory = executableDirectory()
            let agentPath = try agents.agentPath()
            let work = try makeTemporaryDirectory(in: agents.workDir, prefix: "bus-bench-")
            let benchmarks = Benchmarks(
                workDirectory: work, agentPath: agentPath, selfPath: "\(directory)/bus-bench",
                heartbeatMs: agents.heartbeatMs, pollMs: pollMs)
            var report = Report(
                cores: ProcessInfo.processInfo.activeProcessorCount, loadAverageStart: loadAverage(), loadAverageEnd: 0,
                heartbeatMs: agents.heartbeatMs)
            do {
                if selected.contains("fanout") {
                    report.fanout = try benchmarks.fanout(
                        events: events, size: size, subscribers: subscribers, repeats: repeats)
                }
                if selected.contains("security") {
                    report.security = try benchmarks.security(
                        events: events, size: size, subscribers: subscribers, repeats: repeats)
                }
                if selected.contains("catchup") {
                    report.catchup = try benchmarks.catchup(events: catchupEvents, size: catchupSize)
                }
                if selected.contains("latency") {
                    report.latency = try benchmarks.latency(
                        rate: latencyRate, seconds: latencySeconds, size: latencySize, peers: subscribers)
                }
            } catch {
                FileHandle.standardError.write(Data("bus-bench: failed: \(error)\n".utf8))
                throw ExitCode(1)
            }
            report.loadAverageEnd = loadAverage()
            if agents.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(Table.render(report))
            }
        }
    }

    /// The options of every command that starts agents.
    struct AgentOptions: ParsableArguments {
        @Option(help: "Agents' HEAD/heartbeat interval in ms (the agent's default is 1000).")
        var heartbeatMs: Int64 = 1000

        @Option(help: "Where temporary stores go (removed afterwards); must be a real disk for honest fsyncs.")
        var workDir: String = FileManager.default.temporaryDirectory.path

        @Option(help: "The supervision-agent executable (default: next to bus-bench).")
        var agent: String?

        @Flag(help: "Print one JSON object for scripts instead of the table.")
        var json = false

        /// The agent executable, checked.
        func agentPath() throws -> String {
            let path = agent ?? "\(executableDirectory())/supervision-agent"
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw BenchError("no supervision-agent at \(path); run `swift build -c release` first")
            }
            return path
        }
    }

    struct RawPub: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "raw-pub", abstract: "Baseline process: lossless libzmq XPUB publisher.")

        @Option var endpoint: String
        @Option var count: Int
        @Option var size: Int
        @Option var subscribers: Int
        @Option(help: "CURVE server secret key (Z85): encrypt, without ZAP.") var curveSecret: String?

        func run() throws {
            try Raw.publish(
                endpoint: endpoint, count: count, size: size, subscribers: subscribers, curveSecret: curveSecret)
        }
    }

    struct RawSub: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "raw-sub", abstract: "Baseline process: libzmq SUB that counts messages.")

        @Option var endpoint: String
        @Option var count: Int
        @Option(help: "The publisher's CURVE public key (Z85).") var curveServerKey: String?

        func run() throws {
            try Raw.subscribe(endpoint: endpoint, count: count, curveServerKey: curveServerKey)
        }
    }

    struct RawEcho: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "raw-echo", abstract: "Baseline process: libzmq ROUTER that echoes every message.")

        @Option var endpoint: String

        func run() throws {
            try Raw.echo(endpoint: endpoint)
        }
    }
}
