import ArgumentParser
import Foundation
import SupervisionAgent

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Move the register and roster snapshots a draw was made from, so that another agent can verify it.",
        discussion: """
            A snapshot is the canonical encoding whose SHA-256 the draw record names (docs/Supervision.md, \
            "Snapshots"): the receiver checks the hash, so the file needs no other protection against \
            tampering. The roster snapshot lists inspectors' pseudonymous ids and declared conflicts: \
            give it only to members entitled to verify the inspector draw.
            """,
        subcommands: [Export.self, Import.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a kept snapshot to a file: by the draw that used it, or by hash.")

        @OptionGroup var options: AgentOptions
        @Option(help: "register or roster.") var kind: String
        @Option(help: "The drawing department (with --period).") var department: String?
        @Option(help: "The draw's period (with --department).") var period: String?
        @Option(help: "The snapshot's hash instead of a draw.") var hash: String?
        @Option(help: "The file to write.") var out: String

        func run() throws {
            var args = ["kind": kind]
            if let department { args["department"] = department }
            if let period { args["period"] = period }
            if let hash { args["hash"] = hash }
            let r = try options.call("snapshot-export", args, as: SnapshotReply.self)
            do {
                try Data((r.content ?? "").utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw Output.fail("cannot write \(out): \(error.localizedDescription)", ExitStatus.cannotCreate)
            }
            if options.json {
                var summary = r
                summary.content = nil
                return try options.printJSON(summary)
            }
            print("wrote \(r.department)'s \(r.kind) snapshot \(r.hash) to \(out)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give the agent a snapshot file (from `snapshot export`); it checks and keeps it by its hash.")

        @OptionGroup var options: AgentOptions
        @Argument(help: "The snapshot file.") var file: String

        func run() throws {
            guard let content = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw Output.fail("cannot read \(file) as UTF-8 text", ExitStatus.noInput)
            }
            let r = try options.call("snapshot-import", ["content": content], as: SnapshotReply.self)
            if options.json { return try options.printJSON(r) }
            print("kept \(r.department)'s \(r.kind) snapshot \(r.hash)")
        }
    }
}
