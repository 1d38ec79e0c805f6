import ArgumentParser
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
                "finding \(r.finding.ref): \(r.finding.itemId) \(r.finding.result) at \(r.finding.entity); responsible \(r.responsible)"
            )
            if let referral = r.referral {
                print(
                    "referral \(referral.referralId) → \(referral.to) (\(referral.category)), accept by \(referral.acceptDue)"
                )
            }
            if let outcome = r.outcome {
                print(
                    "outcome \(outcome.decision)"
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
        static let configuration = CommandConfiguration(abstract: "List referrals and their states.")
        @OptionGroup var options: AgentOptions
        @Flag(help: "Only referrals past their service-level deadline.") var overdue = false
        @Option(help: "Judge overdue as of this day (default today).") var asOf: String?

        func run() throws {
            var args: [String: String] = [:]
            if overdue { args["overdue"] = "true" }
            if let asOf { args["as-of"] = asOf }
            let list = try options.call("referrals", args, as: [ReferralRecord].self)
            if options.json { return try options.printJSON(list) }
            print(
                Table(
                    ["referral", "from", "to", "category", "status", "accept by", "report by"],
                    list.map { [$0.referralId, $0.from, $0.to, $0.category, $0.status, $0.acceptDue, $0.feedbackDue] }))
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
        @Option(help: "accepted, rejected, case-opened or feedback.") var status = "accepted"
        @Option(help: "Note (no personal data).") var note = ""

        func run() throws {
            let r = try options.call(
                "ack", ["referral": referral, "status": status, "note": note], as: ReferralRecord.self)
            if options.json { return try options.printJSON(r) }
            print("referral \(r.referralId) from \(r.from): \(r.status)")
        }
    }
}
