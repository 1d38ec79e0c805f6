import ArgumentParser
import Foundation
import SupervisionBus

struct Recovery: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the agent's own-log recovery, or end the wait for peers not heard from.",
        discussion: """
            At every start an agent appends nothing until every peer has told it what it holds of \
            the agent's own log and the agent has fetched all of it: a store restored from a backup, \
            or a new disk, then never signs new events at seqs its peers already hold. While a peer \
            is down the wait goes on; --override ends it: events of this log that only the silent \
            peers hold will then be signed again with other contents (an equivocation the others \
            report). Examples:
              jointctl recovery -a ipc:///var/lib/jointsupervision/fire/control.sock
              jointctl recovery --override -a ipc:///var/lib/jointsupervision/fire/control.sock
            """)

    @OptionGroup var options: AgentOptions
    @Flag(help: "Stop waiting for the peers not heard from and start appending.") var override = false

    func run() throws {
        let request = ControlRequest(command: "recovery", arguments: override ? ["override": "true"] : nil)
        guard let status = try options.send(request).status else { return }
        if options.json { return try options.printJSON(status.ownLog) }
        print("own log \(status.ownLog.summary)")
    }
}

struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the evidence of equivocations the agent holds, for the configuration authority.",
        discussion: """
            An equivocation is an origin's signature on two different events at one seq (a second \
            process with the same keys, or a store restored while the old one ran). Each record has \
            the hash held here, the other hash, the peer that sent it and the signed batch (base64 \
            BATCH message) that proves it. Always JSON.
            """)

    @OptionGroup var options: AgentOptions

    func run() throws {
        guard let body = try options.send(ControlRequest(command: "evidence")).body else { return }
        print(body)
    }
}
