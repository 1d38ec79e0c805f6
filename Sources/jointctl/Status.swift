import ArgumentParser
import SupervisionBus

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the agent's version vector, log hashes, peers and counters.")

    @OptionGroup var options: AgentOptions

    func run() throws {
        guard let status = try options.send(ControlRequest(command: "status")).status else { return }
        if options.json { return try options.printJSON(status) }
        print(
            "department \(status.department)  \(status.ready ? "ready" : "NOT READY: \(status.notReadyReason ?? "starting")")  bus \(status.busEndpoint)"
        )
        print(
            "membership version \(status.membershipVersion)  transport \(status.secure ? "CURVE, authenticated by key" : "INSECURE (no CURVE)")"
        )
        print("")
        print(
            Table(
                ["origin", "seq", "log hash"],
                status.heads.sorted { $0.key < $1.key }.map {
                    [$0.key, "\($0.value.seq)", String($0.value.hash.prefix(16))]
                }))
        let m = status.metrics
        print(
            "appended \(m.appended)  received \(m.received)  repaired \(m.repaired)  rejected \(m.rejected)  malformed \(m.malformed)  strangers \(m.strangers)  duplicates \(m.duplicates)"
        )
        print(
            "oversized \(m.oversized)  impersonations \(m.impersonations)  memberships refused \(m.membershipsRefused)  lost connections \(m.disconnects)"
        )
        print("own log \(status.ownLog.summary)")
        if !status.equivocatedOrigins.isEmpty {
            print(
                "EQUIVOCATION: evidence that \(status.equivocatedOrigins.joined(separator: ", ")) signed two logs (\(m.equivocations) this run); `jointctl evidence` exports it"
            )
        }
    }
}

struct Peers: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every peer's liveness and replication state.")

    @OptionGroup var options: AgentOptions

    func run() throws {
        guard let status = try options.send(ControlRequest(command: "status")).status else { return }
        if options.json { return try options.printJSON(status.peers) }
        print(
            Table(
                ["peer", "state", "silent for", "lagging", "it lacks", "we lack", "conflicts", "holds"],
                status.peers.map { peer in
                    [
                        peer.department, peer.liveness.rawValue, peer.silentForMs.map { "\($0) ms" } ?? "-",
                        peer.lagging ? "yes" : "no", "\(peer.behind)", "\(peer.ahead)",
                        peer.conflicting.isEmpty ? "-" : peer.conflicting.joined(separator: ","),
                        peer.announced.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(
                            separator: " "),
                    ]
                }))
    }
}

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append test events to the agent's own log now (for trials and tests).")

    @OptionGroup var options: AgentOptions
    @Option(help: "How many events.") var count = 1
    @Option(help: "Payload size in bytes.") var size = 0

    func run() throws {
        let status = try options.send(ControlRequest(command: "publish", size: size, count: count)).status
        if options.json { return try options.printJSON(status) }
        print("appended \(count); own log at seq \(status?.heads[status?.department ?? ""]?.seq ?? 0)")
    }
}

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the agent append test events at a steady rate until its log reaches a total.")

    @OptionGroup var options: AgentOptions
    @Option(help: "Seq the agent's own log should reach.") var total: UInt64
    @Option(help: "Events per second (0 = as fast as possible).") var rate: Double = 1000
    @Option(help: "Payload size in bytes.") var size = 0

    func run() throws {
        let status = try options.send(ControlRequest(command: "load", total: total, rate: rate, size: size)).status
        if options.json { return try options.printJSON(status) }
        print("load started towards seq \(total) at \(rate)/s")
    }
}
