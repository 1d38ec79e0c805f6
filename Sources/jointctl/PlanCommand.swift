import ArgumentParser
import Foundation
import Supervision
import SupervisionAgent

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "List, show, accept or decline joint inspection plans.",
        subcommands: [List.self, Show.self, Assignments.self, Report.self, Accept.self, Decline.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every plan version with its consent state.")
        @OptionGroup var options: AgentOptions
        @Option(
            help: "Only plans led by agents within this jurisdiction: a district (pudong) or district/sub-district.")
        var jurisdiction: String?

        func run() throws {
            let views = try options.call(
                "plans", jurisdiction.map { ["jurisdiction": $0] } ?? [:], as: [PlanView].self)
            if options.json { return try options.printJSON(views) }
            print(
                Table(
                    ["plan", "version", "lead", "state", "visits", "saved", "hash"],
                    views.map {
                        [
                            $0.plan.planId, "\($0.plan.version)\($0.superseded ? "*" : "")", $0.plan.lead,
                            $0.state.rawValue,
                            "\($0.visitCount)", "\($0.visitsSaved)", String($0.plan.planHash.prefix(16)),
                        ]
                    }))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a plan: visits, participants, merged checklist, inspectors, consent, hash.")
        @OptionGroup var options: AgentOptions
        @OptionGroup var target: PlanTarget
        @Flag(help: "List single-department visits too.") var all = false

        func run() throws {
            let view = try options.call("plan", target.arguments(), as: PlanView.self)
            if options.json { return try options.printJSON(view) }
            printPlanSummary(view)
            print("")
            let visits = view.plan.visits.filter { all || $0.participants.count > 1 }
            print(
                Table(
                    ["date", "inspection", "lead", "participants", "items", "inspectors"],
                    visits.map { v in
                        [
                            v.date.description, v.inspectionId, v.lead, v.participants.joined(separator: ","),
                            "\(v.items.count)",
                            v.inspectors.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(
                                separator: ","),
                        ]
                    }))
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an HTML calendar of a plan: joint visits by day, participants, consent, hash.")
        @OptionGroup var options: AgentOptions
        @OptionGroup var target: PlanTarget
        @Option(help: "The HTML file to write.") var out: String

        func run() throws {
            let view = try options.call("plan", target.arguments(), as: PlanView.self)
            do {
                try PlanReport.html(view).write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            if options.json { return try options.printJSON(["report": out, "planHash": view.plan.planHash]) }
            print("wrote \(out): plan \(view.plan.planId) v\(view.plan.version), \(view.visitCount) visits")
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a plan version on behalf of this department (manual policy), naming its hash.")
        @OptionGroup var options: AgentOptions
        @OptionGroup var target: PlanTarget

        func run() throws {
            let view = try options.call("vote", target.arguments(["decision": "accept"]), as: PlanView.self)
            if options.json { return try options.printJSON(view) }
            printPlanSummary(view)
        }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decline a plan version on behalf of this department, with a reason.",
            discussion: """
                The reason is for people. What the lead should change goes in fields, which its agent \
                uses when it composes the next version: --inspectors (this department's inspectors for \
                the period), --unavailable (days it cannot take part), --items-not-covered (items it \
                cannot check). When composing again cannot meet the declines (the same plan would come \
                out), the lead's agent proposes no new version and logs that a coordinator is needed.

                Example:
                  jointctl plan decline education-2026-Q4 --reason "two inspectors on leave" \\
                      --inspectors 6 --unavailable 2026-10-12,2026-10-13 -a CONTROL
                """)
        @OptionGroup var options: AgentOptions
        @OptionGroup var target: PlanTarget
        @Option(help: "Why (no personal data).") var reason: String
        @Option(help: "This department's inspectors available for the period.") var inspectors: Int?
        @Option(help: "Days this department cannot take part, comma-separated YYYY-MM-DD.") var unavailable: String?
        @Option(help: "Checklist items it cannot check, comma-separated ids.") var itemsNotCovered: String?

        func run() throws {
            var arguments = ["decision": "decline", "reason": reason]
            arguments["inspectors"] = inspectors.map(String.init)
            arguments["unavailable"] = unavailable
            arguments["items-not-covered"] = itemsNotCovered
            let view = try options.call("vote", target.arguments(arguments), as: PlanView.self)
            if options.json { return try options.printJSON(view) }
            printPlanSummary(view)
        }
    }
}

/// The plan a subcommand acts on: its id and, optionally, a version.
struct PlanTarget: ParsableArguments {
    @Argument(help: "Plan id.") var plan: String
    @Option(help: "Version (default: the latest).") var version: UInt32?

    /// The control-request arguments naming this plan, plus `extra`.
    func arguments(_ extra: [String: String] = [:]) -> [String: String] {
        var arguments = extra
        arguments["plan"] = plan
        if let version { arguments["version"] = "\(version)" }
        return arguments
    }
}
