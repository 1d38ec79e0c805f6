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

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the agent's store while it runs.",
        discussion: """
            The copy is one SQLite file (no write-ahead log beside it), written by the agent \
            itself, so the path is on the agent's machine and must not exist. To restore it: stop \
            the agent, move its data directory's store.sqlite (with -wal and -shm) aside, copy the \
            backup to store.sqlite, start the agent. It appends nothing until every peer has told \
            it what it holds of the agent's own log and it has fetched all of it (own-log \
            recovery, `jointctl recovery`), so a restore never forks the log.
              jointctl backup --out /var/backups/jointsupervision/fire-2026-12-01.sqlite -a ipc:///var/lib/jointsupervision/fire/control.sock
            """)

    @OptionGroup var options: AgentOptions
    @Option(help: "Absolute path of the copy on the agent's machine (must not exist).") var out: String

    func validate() throws {
        guard out.hasPrefix("/") else { throw ValidationError("--out must be an absolute path") }
    }

    func run() throws {
        _ = try options.send(ControlRequest(command: "backup", arguments: ["path": out]))
        if options.json { return try options.printJSON(["backup": out]) }
        print("backed up to \(out)")
    }
}
