import ArgumentParser
import Foundation
import SupervisionAgent

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the agent has folded: draws, intents, plans, findings, referrals, and the state digest.")

    @OptionGroup var options: AgentOptions

    func run() throws {
        let s = try options.call("summary", [:], as: SummaryReply.self)
        if options.json { return try options.printJSON(s) }
        print(
            "department \(s.department)\(s.kind.map { $0 == s.department ? "" : "  kind \($0)" } ?? "")\(s.jurisdiction.map { $0.isEmpty ? "" : "  jurisdiction \($0)" } ?? "")  policy \(s.consentPolicy)  data \(s.dataSource) (\(s.entities) entities, \(s.inspectors) inspectors)"
        )
        print(Table(["what", "count"], s.counts.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] }))
        if !s.refused.isEmpty {
            print(
                "refused acknowledgements: "
                    + s.refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        print(
            "catalog version \(s.catalogVersion)"
                + (s.catalogsRefused > 0 ? " (\(s.catalogsRefused) catalog events refused)" : ""))
        print("state digest \(s.digest)")
    }
}

struct Draw: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run and publish this department's verifiable random draw (双随机) for a period.",
        discussion: """
            Publishes a draw event and one intent per target. The draw record names the seed and the \
            SHA-256 of the register snapshot (this department's risk classes, industries and districts) and \
            of the roster snapshot (inspectors with qualifications, conflicts and rotation) it drew from; \
            the agent keeps both in its data directory (snapshots/<hash>.register|.roster).
            Anyone can re-run it with `jointctl verify --department DEPT --period PERIOD` at any agent that \
            holds the draw record (any member whose data rights include the `draw` kind) and both snapshots: this \
            department's agent always does; another agent holds the register snapshot if its own register \
            has the same entities rated by DEPT, and otherwise needs the files from DEPT \
            (`jointctl snapshot export` there, `jointctl snapshot import` at the verifier). Without them \
            verify exits 3 and names the missing snapshot.
            """)

    @OptionGroup var options: AgentOptions
    @Option(help: "The period: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD/YYYY-MM-DD.") var period: String
    @Option(help: "The seed published before the draw (e.g. a lottery result).") var seed: String

    func run() throws {
        let r = try options.call("draw", ["period": period, "seed": seed], as: DrawReply.self)
        if options.json { return try options.printJSON(r) }
        print(
            "\(r.draw.department) drew \(r.draw.targetCount) targets for \(r.draw.period) with seed \"\(r.draw.seed)\"")
        print(Table(["class", "targets"], ["D", "C", "B", "A"].map { [$0, "\(r.tallies[$0] ?? 0)"] }))
        print("result hash \(r.draw.resultHash)  (event \(r.draw.ref))")
        print("register snapshot \(r.draw.registerHash ?? "-")  roster snapshot \(r.draw.rosterHash ?? "-")")
        if !r.unstaffed.isEmpty {
            print(
                "\(r.unstaffed.count) targets have fewer than 2 eligible inspectors after recusal: \(r.unstaffed.prefix(5).joined(separator: ", "))\(r.unstaffed.count > 5 ? ", …" : "")"
            )
        }
        print("re-run: jointctl verify --department \(r.draw.department) --period \(r.draw.period)")
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-run a published draw from its seed and the snapshots it names, and compare the result hash.",
        discussion: """
            Works at any agent holding the draw record and the register and roster snapshots whose hashes \
            it names (see `jointctl draw --help`). Also says whether this agent's current register (and, \
            at the drawing department, its roster) differ from the snapshots: a later import changes \
            them, not the draw.
            Exit codes: 0 MATCH, 1 MISMATCH, 3 a snapshot the draw names is not held here (the message \
            names it and how to get it), 65 no such draw or another refusal.
            """)

    @OptionGroup var options: AgentOptions
    @Option(help: "The drawing department.") var department: String
    @Option(help: "The draw's period as published.") var period: String
    @Option(help: "Use this seed instead of the published one.") var seed: String?

    func run() throws {
        var args = ["department": department, "period": period]
        if let seed { args["seed"] = seed }
        let r = try options.call("verify", args, as: VerifyReply.self)
        if options.json {
            try options.printJSON(r)
        } else {
            print("published  \(r.draw.resultHash)\nrecomputed \(r.recomputedHash)")
            if let hash = r.draw.registerHash {
                let current = r.registerChanged.map { $0 ? "CHANGED since the draw" : "unchanged" } ?? "not held here"
                print("register snapshot \(hash)  current register: \(current)")
            }
            if let hash = r.draw.rosterHash {
                let current =
                    r.rosterChanged.map { $0 ? "CHANGED since the draw" : "unchanged" } ?? "held by \(department) only"
                print("roster snapshot   \(hash)  current roster: \(current)")
            }
            if let note = r.note { print(note) }
            print(r.matches ? "MATCH" : "MISMATCH")
        }
        if !r.matches { throw ExitCode(1) }
    }
}

struct Compose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compose joint inspections from every department's intents and propose the plan (this agent leads).",
        discussion: "Participants vote on the proposal; `jointctl plan show` follows their consent.")

    @OptionGroup var options: AgentOptions
    @Option(help: "The period whose intents to compose.") var period: String
    @Option(help: "Plan id (default <department>-<period>); composing an existing id proposes a new version.")
    var plan: String?

    func run() throws {
        var args = ["period": period]
        if let plan { args["plan"] = plan }
        let view = try options.call("compose", args, as: PlanView.self)
        if options.json { return try options.printJSON(view) }
        printPlanSummary(view)
    }
}

func printPlanSummary(_ view: PlanView) {
    let joint = view.plan.visits.filter { $0.participants.count > 1 }.count
    print(
        "plan \(view.plan.planId) v\(view.plan.version) by \(view.plan.lead)  \(view.state.rawValue)\(view.superseded ? " (superseded)" : "")"
    )
    print("hash \(view.plan.planHash)")
    print(
        "\(view.intentCount) intents → \(view.visitCount) visits (\(joint) joint): \(view.visitsSaved) visits saved")
    print(
        Table(
            ["participant", "consent", "reason"],
            view.consent.map { [$0.department, $0.state.rawValue, $0.reason ?? ""] }))
}
