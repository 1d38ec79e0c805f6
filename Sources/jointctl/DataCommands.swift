import ArgumentParser
import Foundation
import Supervision
import SupervisionAgent

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the department's register or roster from CSV or JSON; nothing is imported if any row is bad.",
        discussion: """
            register columns: credit_code,name,industry,district,address,risk_class
            roster columns: inspector_id,qualifications,conflicts,last_inspected (lists separated by ;; conflicts \
            and last_inspected are credit codes the inspector is recused from; the last two columns may be left out)
            """)

    @OptionGroup var options: AgentOptions
    @Argument(help: "register or roster.") var kind: String
    @Argument(help: "The file (.csv or .json).") var file: String

    func run() throws {
        guard let content = try? String(contentsOfFile: file, encoding: .utf8) else {
            FileHandle.standardError.write(Data("jointctl: cannot read \(file) as UTF-8 text\n".utf8))
            throw ExitCode(66)  // EX_NOINPUT
        }
        let format = file.lowercased().hasSuffix(".json") ? "json" : "csv"
        let r = try options.call("import", ["kind": kind, "format": format, "content": content], as: ImportReport.self)
        if options.json { return try options.printJSON(r) }
        print("imported \(r.imported) of \(r.rows) \(r.kind) rows")
    }
}

struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List entities of the department's register.")

    @OptionGroup var options: AgentOptions
    @Option(help: "Only this industry, e.g. training.") var industry: String?
    @Option(help: "Only entities this department rates.") var supervisedBy: String?
    @Option(help: "At most this many.") var limit = 20

    func run() throws {
        var args = ["limit": "\(limit)"]
        if let industry { args["industry"] = industry }
        if let supervisedBy { args["supervised-by"] = supervisedBy }
        let rows = try options.call("entities", args, as: [EntityRow].self)
        if options.json { return try options.printJSON(rows) }
        print(
            Table(
                ["code", "industry", "district", "risk", "name"],
                rows.map {
                    [
                        $0.code, $0.industry, $0.district,
                        $0.riskClasses.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(
                            separator: ","), $0.name,
                    ]
                }))
    }
}

struct IntentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intent", abstract: "Publish intents outside the draw.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish an intent to inspect an entity (complaint or follow-up) within a period.")
        @OptionGroup var options: AgentOptions
        @Option(help: "Unified social credit code.") var entity: String
        @Option(help: "The window: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD/YYYY-MM-DD.") var period: String
        @Option(help: "Checklist items, comma-separated (default: the department's list for the industry).")
        var items: String?
        @Option(help: "complaint or follow-up.") var reason = "complaint"

        func run() throws {
            var args = ["entity": entity, "period": period, "reason": reason]
            if let items { args["items"] = items }
            let r = try options.call("intent", args, as: IntentRecord.self)
            if options.json { return try options.printJSON(r) }
            print(
                "intent \(r.ref) for \(r.entity) \(r.windowStart)…\(r.windowEnd): \(r.itemIds.joined(separator: ","))")
        }
    }
}

struct Disclose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the open-data tables (一公开): businesses, inspections, violations (CSV or JSON).",
        discussion: """
            Built from recorded outcomes only: a visit is published once it has results and every \
            violation found there has an outcome; a violation once its outcome is recorded. Planned \
            visits and undecided violations are counted as withheld, not published. Agents holding \
            the same events publish the same rows; findings an agent holds only withheld (data \
            rights) are counted too. Columns and their meaning: docs/Supervision.md, "Disclosure tables".
            """)

    @OptionGroup var options: AgentOptions
    @Option(help: "Directory to write the files to (default: print them).") var out: String?
    @Option(help: "csv (businesses.csv, inspections.csv, violations.csv) or json (disclosure.json).")
    var format: String = "csv"
    @Option(help: "Only visits and findings about entities within this jurisdiction, e.g. pudong.")
    var jurisdiction: String?

    func validate() throws {
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
    }

    func run() throws {
        let r = try options.call(
            "disclose", jurisdiction.map { ["jurisdiction": $0] } ?? [:], as: DiscloseReply.self)
        if options.json { return try options.printJSON(r) }
        let files: [(String, String)] =
            format == "json"
            ? [("disclosure.json", try Output.compactJSON(r.tables) + "\n")]
            : [("businesses.csv", r.businesses), ("inspections.csv", r.inspections), ("violations.csv", r.violations)]
        let w = r.tables.withheld
        let note =
            "withheld until decided: \(w.visitsWithoutResults) visits without results, \(w.visitsAwaitingDecision) visits and \(w.violationsAwaitingDecision) violations awaiting a decision; \(r.withheldFindings) findings held only withheld (data rights)"
        guard let out else {
            print(files.map(\.1).joined(separator: "\n"))
            FileHandle.standardError.write(Data((note + "\n").utf8))
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, text) in files {
                try text.write(
                    toFile: (out as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
                print("wrote \((out as NSString).appendingPathComponent(name))")
            }
        } catch {
            throw Output.fail("cannot write to \(out): \(error.localizedDescription)", ExitStatus.cannotCreate)
        }
        print(note)
    }
}
