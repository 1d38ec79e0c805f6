import ArgumentParser
import Foundation
import SupervisionBus

struct Metering: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the agent has sent each peer, by event kind: payloads delivered or withheld, bytes.",
        discussion: """
            The agent meters every event it sends (live push or fetch reply): delivered with its \
            payload, or withheld because the membership's data rights do not let the peer receive \
            it (the event's hash still travels, so logs stay verifiable). --csv prints \
            peer,kind,purpose,delivered,withheld,bytes for export.

            Example:
              jointctl metering --csv \\
                  -a ipc:///var/lib/jointsupervision/fire/control.sock > fire.csv
            """)

    @OptionGroup var options: AgentOptions

    @Flag(help: "Print CSV for export instead of a table.")
    var csv = false

    func validate() throws {
        guard !(csv && options.json) else { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let records = try options.call("metering", [:], as: [MeteringRecord].self).sorted {
            ($0.peer, $0.kind, $0.purpose.rawValue) < ($1.peer, $1.kind, $1.purpose.rawValue)
        }
        if options.json { return try options.printJSON(records) }
        if csv {
            print("peer,kind,purpose,delivered,withheld,bytes")
            for r in records {
                print("\(r.peer),\(r.kind),\(r.purpose.rawValue),\(r.delivered),\(r.withheld),\(r.bytes)")
            }
            return
        }
        guard !records.isEmpty else { return print("nothing sent yet") }
        let total = records.reduce(into: (delivered: UInt64(0), withheld: UInt64(0), bytes: UInt64(0))) {
            $0.delivered += $1.delivered
            $0.withheld += $1.withheld
            $0.bytes += $1.bytes
        }
        print(
            Table(
                ["peer", "kind", "purpose", "delivered", "withheld", "bytes"],
                records.map {
                    [$0.peer, $0.kind, $0.purpose.rawValue, "\($0.delivered)", "\($0.withheld)", "\($0.bytes)"]
                } + [["total", "", "", "\(total.delivered)", "\(total.withheld)", "\(total.bytes)"]]))
    }
}
