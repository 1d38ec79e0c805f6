import ArgumentParser
import Supervision
import SupervisionAgent

struct FindingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finding", abstract: "Record findings.", subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a finding; the agent adds a referral (other remit) or an outcome (免罚 or enforcement).")
        @OptionGroup var options: AgentOptions
        @Option(help: "Unified social credit code of the entity.") var entity: String
        @Option(help: "Checklist item id, e.g. fire.detectors.") var item: String
        @Option(help: "compliant, violation or not-applicable.") var result = "violation"
        @Option(help: "Day of the finding, YYYY-MM-DD.") var date: String
        @Option(help: "Inspection code of the visit.") var inspection: String?
        @Option(help: "Measured quantity, e.g. detectors-broken-per-floor.") var measure: String?
        @Option(help: "Measured value.") var value: Double?
        @Flag(help: "Corrected on the spot.") var corrected = false

        func run() throws {
            var args = ["entity": entity, "item": item, "result": result, "date": date]
            if let inspection { args["inspection"] = inspection }
            if let measure { args["measure"] = measure }
            if let value { args["value"] = "\(value)" }
            if corrected { args["corrected"] = "true" }
            let r = try options.call("finding", args, as: FindingReply.self)
            if options.json { return try options.printJSON(r) }
            print(
                "finding \(r.finding.ref): \(r.finding.itemId) \(r.finding.result.rawValue) at \(r.finding.entity); responsible \(r.responsible)"
            )
            if let referral = r.referral {
                print(
                    "referral \(referral.referralId) → \(referral.to) (\(referral.category))"
                        + (referral.acceptDue.map { ", accept by \($0)" } ?? "")
                )
            }
            if let outcome = r.outcome {
                print(
                    "outcome \(outcome.decision.rawValue)"
                        + (outcome.correctionDeadline.map { ", correct by \($0)" } ?? "")
                        + (outcome.reInspectionDate.map { ", re-inspection from \($0)" } ?? "")
                        + (outcome.caseId.map { ", case \($0)" } ?? ""))
            }
            if let intent = r.reInspection {
                print("re-inspection intent \(intent.ref) \(intent.windowStart)…\(intent.windowEnd)")
            }
        }
    }
}

struct Referrals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals", abstract: "List referrals (线索移送).", subcommands: [List.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List referrals with their stage, deadline and working days late.",
            discussion: """
                Deadlines follow the agent's service levels, by default: accept or reject within 2 \
                working days, decide on a case within 2 more, report a decision not to open one within 5 \
                more; the handling result of an opened case within 90 calendar days (一般), 120 when marked \
                complex (复杂). Lateness counts working days of the agent's calendar after the deadline.

                With --overdue only referrals past their current deadline are listed, and the exit \
                status is 1 when any is overdue and 0 when none is (for cron jobs and alerts); other \
                failures exit with 64 or higher.
                """)
        @OptionGroup var options: AgentOptions
        @Flag(help: "Only referrals past their service-level deadline; exit 1 when any is overdue, 0 when none.")
        var overdue = false
        @Option(help: "Judge deadlines as of this day, YYYY-MM-DD (default today, UTC+8).") var asOf: String?
        @Option(help: "Only referrals sent or received by agents within this jurisdiction, e.g. pudong.")
        var jurisdiction: String?

        func run() throws {
            var args: [String: String] = [:]
            if overdue { args["overdue"] = "true" }
            if let asOf { args["as-of"] = asOf }
            if let jurisdiction { args["jurisdiction"] = jurisdiction }
            let list = try options.call("referrals", args, as: [ReferralView].self)
            if options.json {
                try options.printJSON(list)
            } else {
                print(
                    Table(
                        ["referral", "from", "to", "category", "status", "stage", "deadline", "working days late"],
                        list.map { v in
                            [
                                v.referral.referralId, v.referral.from, v.referral.to, v.referral.category,
                                v.referral.status?.rawValue ?? "sent",
                                v.stage.rawValue + (v.complex ? " (complex)" : ""),
                                v.deadline?.description ?? "-", v.workingDaysLate.map(String.init) ?? "-",
                            ]
                        }))
            }
            if overdue && !list.isEmpty { throw ExitCode(1) }
        }
    }
}

struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral", abstract: "Answer referrals.", subcommands: [Ack.self])

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Acknowledge a referral addressed to this department (manual policy, or later stages).")
        @OptionGroup var options: AgentOptions
        @Argument(help: "Referral id (R-…), or from/id.") var referral: String
        @Option(
            help: ArgumentHelp(
                "accepted, rejected, case-opened, no-case, complex or feedback.",
                discussion:
                    "The order: accepted or rejected; then case-opened or no-case; after case-opened, complex (the complex feedback limit applies) at most once; then feedback. A step out of order is refused."
            )) var status = "accepted"
        @Option(help: "Note (no personal data).") var note = ""

        func run() throws {
            let r = try options.call(
                "ack", ["referral": referral, "status": status, "note": note], as: ReferralView.self)
            if options.json { return try options.printJSON(r) }
            print(
                "referral \(r.referral.referralId) from \(r.referral.from): \(r.referral.status?.rawValue ?? "sent"), \(r.stage.rawValue)"
                    + (r.deadline.map { ", next deadline \($0)" } ?? ""))
        }
    }
}
