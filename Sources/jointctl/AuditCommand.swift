import ArgumentParser
import Foundation
import SupervisionAgent
import SupervisionBus

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit an agent's store offline, against the authority's trust anchor alone.",
        subcommands: [AuditVerify.self])
}

struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a copy of an agent's store: chains, hashes, checkpoint signatures, memberships, data rights.",
        discussion: """
            Audit a consistent COPY, never the live file. The store is in WAL mode: while the agent \
            runs, commits live in store.sqlite-wal until SQLite checkpoints them into store.sqlite, so \
            the main file alone can miss recent events, or all of them. Either, while the agent runs:
              sqlite3 data/fire/store.sqlite ".backup /tmp/fire-copy.sqlite"
            or stop the agent with SIGTERM (it merges the WAL into store.sqlite before exiting) and \
            copy store.sqlite; after a crash, copy store.sqlite AND store.sqlite-wal, keeping the \
            names (fire-copy.sqlite, fire-copy.sqlite-wal). The copy is opened read-only and never migrated; \
            SQLite creates fire-copy.sqlite-shm beside it, so put it in a writable directory.

            Checked, in this order (the first failure is reported): the file is a JointSupervision \
            store of schema 2 and passes PRAGMA quick_check; every membership document in it is \
            signed by the anchor (expiry does not matter for history); for each origin, seqs 1…n \
            without gap, the prev_hash chain, every event hash recomputed, every present payload \
            against its payload_hash, every payload from another origin allowed for this department \
            by the membership version recorded with it (events stored before schema 2 count as \
            unknown), every checkpoint's event hash and signature (with the keys of any membership \
            version, so rotated and removed members' history verifies), and a checkpoint at the last \
            event.

            Evidence of equivocation the agent kept (an origin's signature on two different events \
            at one seq) is listed with whether its signature verifies (`jointctl evidence` exports \
            it from a running agent).

            Exit codes: 0 intact, 1 a break was found (printed first; a corrupt or foreign file is a \
            break), 2 unusable input (no such file, unreadable anchor), 3 intact, but the store holds \
            verified evidence of an equivocation.
            """)

    @Option(help: "The copy of the agent's store file (store.sqlite).") var store: String
    @Option(help: "The configuration authority's trust anchor (anchor.json).") var anchor: String
    @Flag(help: "Print the report as JSON for scripts.") var json = false

    func run() throws {
        let trust: TrustAnchor
        do {
            trust = try TrustAnchor.load(from: anchor)
        } catch {
            Self.warn("jointctl: \((error as? BusError)?.message ?? "\(error)")")
            throw ExitCode(2)
        }
        let report: StoreAuditReport
        do {
            report = try StoreAudit(anchor: trust, categorize: try ContentCategories.categorizer()).run(
                store: store, progress: Self.showProgress)
        } catch let error as BusError {
            Self.warn("jointctl: \(error.message)")
            throw ExitCode(2)
        }
        if json {
            if let found = report.firstBreak { Self.warn("jointctl: BREAK at \(found)") }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.summary)
        }
        if !report.intact { throw ExitCode(1) }
        if report.equivocations.contains(where: { $0.problem == nil }) { throw ExitCode(3) }
    }

    /// Progress on stderr for stores of 200,000 events or more.
    private static func showProgress(_ progress: AuditProgress) {
        guard progress.eventsTotal >= 200_000 else { return }
        let percent = progress.eventsTotal == 0 ? 100 : progress.eventsAudited * 100 / progress.eventsTotal
        let done = progress.eventsAudited == progress.eventsTotal
        let line = "audited \(progress.eventsAudited) of \(progress.eventsTotal) events (\(percent)%)"
        if isatty(STDERR_FILENO) == 1 {
            warn("\r" + line, newline: done)
        } else {
            warn(line)
        }
    }

    private static func warn(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((newline ? text + "\n" : text).utf8))
    }
}
