import ArgumentParser
import Foundation
import SupervisionAgent

extension PlanCommand {
    struct Assignments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each department's drawn inspectors per visit of a plan, and visits it could not staff.",
            discussion: """
                Inspectors are drawn per visit from the department's published draw seed for the plan's period \
                (or the plan hash without one) and its roster snapshot (named by hash), recusing declared \
                conflicts and the entity's last inspectors. Where this agent holds the roster snapshot, it \
                re-runs the draw (column re-run: MATCH or MISMATCH; - when it cannot). Exit code 1 when \
                any visit is unstaffed or any re-run gives other inspectors.
                """)
        @OptionGroup var options: AgentOptions
        @OptionGroup var target: PlanTarget

        func run() throws {
            let list = try options.call("assignments", target.arguments(), as: [AssignmentView].self)
            if options.json {
                try options.printJSON(list)
            } else {
                print(
                    Table(
                        ["inspection", "department", "inspectors", "roster snapshot", "re-run", "unstaffed because"],
                        list.map {
                            [
                                $0.assignment.inspectionId, $0.assignment.ref.origin,
                                $0.assignment.inspectorIds.joined(separator: ","),
                                String(($0.assignment.rosterHash ?? "-").prefix(16)),
                                $0.reproduced.map { $0 ? "MATCH" : "MISMATCH" } ?? "-",
                                $0.assignment.unassignedReason ?? "",
                            ]
                        }))
            }
            if list.contains(where: { $0.assignment.unassignedReason != nil || $0.reproduced == false }) {
                throw ExitCode(1)
            }
        }
    }
}
