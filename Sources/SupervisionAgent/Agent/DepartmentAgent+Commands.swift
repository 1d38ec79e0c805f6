import Foundation
import Logging
import Supervision
import SupervisionBus
import SupervisionProtocol
import Synchronization

extension DepartmentAgent {
    /// Runs one delegated command.
    func handle(_ request: ControlRequest, writer: inout Writer) async throws -> ControlReply {
        let args = Arguments(request.arguments ?? [:])
        switch request.command {
        case "summary": return try reply(summary())
        case "entities": return try reply(entities(args))
        case "import": return try reply(try importData(args))
        case "draw": return try reply(try await draw(args, writer: &writer))
        case "intent": return try reply(try await addIntent(args, writer: &writer))
        case "compose": return try reply(try await compose(args, writer: &writer))
        case "plans": return try reply(try plans(args))
        case "plan":
            let id = try args.required("plan")
            guard let view = snapshot.latestPlan(id, version: try args.uint32("version")) else {
                throw AgentError(.notFound, "no plan \(id) is known here; list plans with `jointctl plan list`")
            }
            return try reply(view)
        case "vote": return try reply(try await vote(args, writer: &writer))
        case "finding": return try reply(try await recordFinding(args, writer: &writer))
        case "referrals": return try reply(try referrals(args))
        case "ack": return try reply(try await acknowledge(args, writer: &writer))
        case "disclose": return try reply(try disclose(within: try jurisdictionFilter(args)))
        case "verify": return try reply(try verify(args))
        case "catalog": return try reply(catalogCurrent(args))
        case "catalog.push": return try reply(try await pushCatalog(args, writer: &writer))
        case "snapshot-export": return try reply(try exportSnapshot(args))
        case "snapshot-import": return try reply(try importSnapshot(args))
        case "assignments": return try reply(try assignments(args))
        default: throw AgentError(.invalidArgument, "unknown command \(request.command)")
        }
    }

    func reply(_ value: some Encodable) throws -> ControlReply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return ControlReply(ok: true, body: String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    func summary() -> SummaryReply {
        let (state, data, register, catalogsRefused) = shared.withLock {
            ($0.state, $0.data, $0.register, $0.catalogsRefused)
        }
        return SummaryReply(
            department: department.rawValue, consentPolicy: settings.policy, dataSource: data.source,
            entities: register.count, inspectors: data.inspectors.count, heads: state.heads,
            counts: [
                "draws": state.draws.count, "intents": state.intents.count,
                "plans": state.plans.values.reduce(0) { $0 + $1.count }, "findings": state.findings.count,
                "referrals": state.referrals.count, "outcomes": state.outcomes.count,
                "assignments": state.assignments.count,
            ], refused: Dictionary(uniqueKeysWithValues: state.refused.map { ($0.key.rawValue, $0.value) }),
            digest: state.digest, catalogVersion: catalogs.current.version, catalogsRefused: catalogsRefused,
            kind: kind.rawValue, jurisdiction: placement.area.description)
    }

    func entities(_ args: Arguments) -> [EntityRow] {
        let register = shared.withLock { $0.register }
        let industry = args["industry"]
        let supervisedBy = args["supervised-by"].flatMap(DepartmentID.init(rawValue:))
        let limit = Int(args["limit"] ?? "") ?? 20
        var rows: [EntityRow] = []
        for entity in register where rows.count < limit {
            if let industry, entity.industry.rawValue != industry { continue }
            if let supervisedBy, entity.riskClasses[supervisedBy] == nil { continue }
            rows.append(
                EntityRow(
                    code: entity.code.description, name: entity.name, industry: entity.industry.rawValue,
                    district: entity.district.rawValue,
                    riskClasses: Dictionary(uniqueKeysWithValues: entity.riskClasses.map { ($0.rawValue, $1.rawValue) })
                ))
        }
        return rows
    }

    func importData(_ args: Arguments) throws -> ImportReport {
        let data = shared.withLock { $0.data }
        let (updated, report) = try data.importing(
            kind: try args.required("kind"), format: try args.required("format"),
            text: try args.required("content", maxLength: .max))
        guard report.rejected.isEmpty else {
            let rows = report.rejected.prefix(20).map { "row \($0.row): \($0.reason)" }.joined(separator: "; ")
            throw AgentError(
                .invalidArgument,
                "\(report.rejected.count) of \(report.rows) rows rejected, nothing imported: \(rows)")
        }
        let register = try updated.register()
        try updated.save(directory: directory)
        shared.withLock {
            $0.data = updated
            $0.register = register
        }
        logger.info("data imported", metadata: ["import.kind": "\(report.kind)", "import.rows": "\(report.rows)"])
        return report
    }

    func checklist(for entity: CreditCode, register: Register) -> [String] {
        guard let industry = register.entity(entity)?.industry else { return [] }
        return context.catalog.checklist(for: kind, industry: industry).map(\.rawValue)
    }

    func addIntent(_ args: Arguments, writer: inout Writer) async throws -> IntentRecord {
        let period = try Period(try args.required("period"))
        let register = shared.withLock { $0.register }
        let code = try CreditCode(try args.required("entity"))
        guard register.entity(code) != nil else {
            throw AgentError(
                .notFound,
                "entity \(code) is not in \(department)'s register; import it first (jointctl import register)")
        }
        var items: [String] = []
        for item in try args.text("items").map({ $0.split(separator: ",").map(String.init) })
            ?? checklist(for: code, register: register) where !items.contains(item)
        {
            guard context.catalog.item(try ChecklistItemID(item)) != nil else {
                throw AgentError(.notFound, "checklist item \(item) is not in the catalog")
            }
            items.append(item)
        }
        guard !items.isEmpty else {
            throw AgentError(
                .invalidArgument, "\(department) checks no item at \(code); name the items with --items ITEM,ITEM")
        }
        let reason: SupervisionProtocol.IntentReason =
            try args.choice("reason", ["complaint", "follow-up"]) == "follow-up" ? .followUp : .complaint
        let payload = IntentPayload(
            department: department.rawValue, entity: code.description, windowStart: period.range.start.description,
            windowEnd: period.range.end.description, itemIds: items, reason: reason)
        let envelopes = try await append(&writer) { _ in [EventDraft(kind: .intent, payload: payload.serializedBytes())]
        }
        return snapshot.intents[EventReference(origin: department.rawValue, seq: envelopes[0].seq)]!
    }

    func compose(_ args: Arguments, writer: inout Writer) async throws -> PlanView {
        let period = try Period(try args.required("period"))
        return try await compose(
            period: period, planId: try args.identifier("plan") ?? "\(department)-\(period.label)", writer: &writer)
    }

    /// Composes every intent of `period` known here and proposes the result as the next version
    /// of `planId`. Partners' capacity is assumed (``AgentSettings/partnerInspectors``) unless a
    /// partner declined an earlier version stating its capacity.
    ///
    /// A joint inspection is composed among the agents of this agent's jurisdiction
    /// (``Placements/participants(at:)``): intents of agents that take part here, about entities
    /// in this agent's register (its jurisdiction). Items, scenarios and leads are by kind.
    func compose(period: Period, planId: String, writer: inout Writer) async throws -> PlanView {
        let state = snapshot
        let (data, register) = shared.withLock { ($0.data, $0.register) }
        // One plan per period: intents another lead's plan for the period covers stay with it.
        let elsewhere = Set(
            state.planViews.filter {
                $0.plan.lead != department.rawValue && $0.plan.period == period.label && !$0.superseded
                    && $0.outcompetedBy == nil
            }.flatMap { $0.plan.visits.flatMap(\.intents) })
        // Visits of the version in force that already have results are kept as they are.
        let earlier = state.plans[SupervisionState.planKey(lead: department.rawValue, planId: planId)] ?? [:]
        let inspected = Set(state.findingList.map(\.inspectionId))
        let done =
            earlier.keys.max().flatMap { earlier[$0] }?.visits.filter { inspected.contains($0.inspectionId) } ?? []
        let doneIntents = Set(done.flatMap(\.intents))
        let placements = compositionPlacements(origins: Set(state.intentList.map(\.ref.origin)))
        let taking = Set(placements.participants(at: placement.area).map(\.agent.rawValue))
        let records = state.intentList.filter {
            $0.windowStart <= period.range.end && period.range.start <= $0.windowEnd && !elsewhere.contains($0.ref)
                && !doneIntents.contains($0.ref)
                && taking.contains($0.ref.origin)
                && (try? CreditCode($0.entity)).flatMap(register.position(of:)) != nil
        }
        guard !records.isEmpty else {
            throw AgentError(
                .invalidState,
                elsewhere.isEmpty
                    ? "no intents for \(period.label) are known here yet; run the draws first"
                    : "no intents for \(period.label) are left to plan here: \(elsewhere.count) are in other leads' plans for the period (one plan per period)"
            )
        }
        // Items a partner said it cannot check leave its intents; an intent left with none is listed.
        let declared = declinedDetails(planId: planId, state: state)
        var intents: [Intent] = []
        var uncovered: [UnplacedIntent] = []
        for record in records {
            let dropped = declared[record.ref.origin]?.itemsNotCovered ?? []
            let items = record.itemIds.filter { !dropped.contains($0) }
            guard !items.isEmpty else {
                uncovered.append(
                    UnplacedIntent(
                        intent: EventRef(origin: record.ref.origin, seq: record.ref.seq), entity: record.entity,
                        reason: .itemsNotCovered))
                continue
            }
            intents.append(
                Intent(
                    id: IntentID(department: try DepartmentID(record.ref.origin), sequence: record.ref.seq),
                    entity: try CreditCode(record.entity),
                    window: try DateRange(start: record.windowStart, end: record.windowEnd),
                    items: try items.map { try ChecklistItemID($0) }, reason: .randomDraw))
        }
        guard !intents.isEmpty else {
            throw AgentError(
                .invalidState, "every intent for \(period.label) lost all its items to declines; nothing to plan")
        }
        var capacities: [DepartmentID: DepartmentCapacity] = [:]
        for id in Set(intents.map(\.department)) {
            let stated = declared[id.rawValue]
            let inspectors =
                id == department ? data.inspectors.count : stated?.inspectors ?? settings.partners
            var capacity = try DepartmentCapacity(
                inspectors: max(inspectors, settings.perVisit),
                inspectionsPerInspectorPerDay: stated?.perDay ?? settings.perDay, inspectorsPerVisit: settings.perVisit)
            capacity.unavailable = stated?.unavailable ?? []
            capacities[id] = capacity
        }
        let context = self.context
        try context.calendar.check(period.range)
        let composed = try JointPlanner.compose(
            intents: intents, register: register, catalog: context.catalog, calendar: context.calendar,
            capacities: capacities,
            kinds: Dictionary(uniqueKeysWithValues: capacities.keys.map { ($0, placements.kind(of: $0)) }))
        let kept = try done.map { try Supervision.JointInspection(done: $0) }
        let plan =
            kept.isEmpty
            ? composed
            : JointPlan(
                inspections: (composed.inspections + kept).sorted {
                    ($0.date, $0.entity, $0.ordinal) < ($1.date, $1.entity, $1.ordinal)
                },
                unscheduled: composed.unscheduled, metrics: composed.metrics)
        if let same = earlier.values.first(where: { $0.planHash == plan.hash }) {
            throw AgentError(
                .invalidState,
                "composing \(planId) again gives v\(same.version)'s plan (hash \(plan.hash.prefix(12))…): no new version; the declines need a coordinator (more inspectors, other dates, or fewer intents)"
            )
        }
        let version = (earlier.keys.max() ?? 0) + 1
        var payload = PlanProposalPayload(
            plan: plan, planId: planId, version: version, period: period.label, catalogVersion: context.source.version)
        payload.unplaced += uncovered
        let envelopes = try await append(&writer) { _ in
            [EventDraft(kind: .planProposal, payload: payload.serializedBytes())]
        }
        logger.info(
            "plan proposed",
            metadata: ["plan.id": "\(planId)", "plan.version": "\(version)", "plan.hash": "\(plan.hash)"])
        _ = envelopes
        return snapshot.latestPlan(planId, version: version)!
    }

    /// What partners stated when declining versions of `planId` (the latest statement of each
    /// department; unavailable days accumulate).
    func declinedDetails(planId: String, state: SupervisionState) -> [String: StatedCapacity] {
        var out: [String: StatedCapacity] = [:]
        let views = state.planViews.filter { $0.plan.planId == planId && $0.plan.lead == department.rawValue }
        for view in views.sorted(by: { $0.plan.version < $1.plan.version }) {
            for consent in view.consent {
                guard let detail = consent.decline else { continue }
                var stated = out[consent.department] ?? StatedCapacity()
                if detail.inspectors > 0 { stated.inspectors = Int(detail.inspectors) }
                if detail.visitsPerInspectorPerDay > 0 { stated.perDay = Int(detail.visitsPerInspectorPerDay) }
                stated.unavailable.formUnion(detail.unavailableDates.compactMap { try? CivilDate($0) })
                stated.itemsNotCovered.formUnion(detail.itemsNotCovered)
                out[consent.department] = stated
            }
        }
        return out
    }

    /// A partner's capacity as its declines stated it.
    struct StatedCapacity {
        var inspectors: Int?
        var perDay: Int?
        var unavailable: Set<CivilDate> = []
        var itemsNotCovered: Set<String> = []
    }

    func vote(_ args: Arguments, writer: inout Writer) async throws -> PlanView {
        let id = try args.required("plan")
        guard let decision = VoteChoice(rawValue: try args.required("decision")) else {
            throw AgentError(.invalidArgument, "decision must be accept, or decline with --reason")
        }
        guard let view = snapshot.latestPlan(id, version: try args.uint32("version")) else {
            throw AgentError(.notFound, "no plan \(id) is known here; list plans with `jointctl plan list`")
        }
        guard view.plan.participants.contains(department.rawValue) else {
            throw AgentError(
                .invalidState, "\(department) takes no part in plan \(id) v\(view.plan.version); nothing to vote")
        }
        guard !view.superseded else {
            let latest = snapshot.latestPlan(id)?.plan.version ?? view.plan.version
            throw AgentError(
                .invalidState,
                "plan \(id) v\(view.plan.version) is superseded by v\(latest): vote on v\(latest) (jointctl plan show \(id))"
            )
        }
        let reason = try args.text("reason") ?? ""
        guard decision == .accept || !reason.isEmpty else {
            throw AgentError(.invalidArgument, "decision must be accept, or decline with --reason")
        }
        let detail = try declineDetail(args)
        guard decision == .decline || detail.isEmpty else {
            throw AgentError(
                .invalidArgument, "--inspectors, --unavailable and --items-not-covered belong to a decline")
        }
        if decision == .accept, let refusal = catalogRefusal(planCatalog: view.plan.catalogVersion) {
            throw AgentError(.invalidState, "cannot accept plan \(id) v\(view.plan.version): \(refusal)")
        }
        let wanted: ConsentState = decision == .accept ? .accepted : .declined
        // The same vote again (a re-run command) would only repeat the event.
        if let mine = view.consent.first(where: { $0.department == department.rawValue }), mine.state == wanted,
            decision == .accept || mine.reason == reason
        {
            throw AgentError(
                .invalidState,
                "\(department) has already \(wanted.rawValue) plan \(id) v\(view.plan.version); nothing appended")
        }
        try await appendVote(view.plan, accept: decision == .accept, reason: reason, detail: detail, writer: &writer)
        return snapshot.latestPlan(id, version: view.plan.version)!
    }

    /// The structured part of a decline: `inspectors` (a count), `unavailable` (comma-separated
    /// days), `items-not-covered` (comma-separated item ids), each checked.
    func declineDetail(_ args: Arguments) throws -> DeclineDetail {
        var detail = DeclineDetail()
        if let text = args["inspectors"] {
            guard let n = UInt32(text), n >= 1 else {
                throw AgentError(.invalidArgument, "--inspectors must be a positive number, got \(text)")
            }
            detail.inspectors = n
            detail.visitsPerInspectorPerDay = UInt32(settings.perDay)
        }
        for day in (args["unavailable"] ?? "").split(separator: ",") {
            detail.unavailableDates.append(try CivilDate(String(day).trimmingCharacters(in: .whitespaces)).description)
        }
        for item in (args["items-not-covered"] ?? "").split(separator: ",") {
            let id = try ChecklistItemID(String(item).trimmingCharacters(in: .whitespaces))
            guard context.catalog.item(id) != nil else {
                throw AgentError(.notFound, "checklist item \(id) is not in the catalog")
            }
            detail.itemsNotCovered.append(id.rawValue)
        }
        return detail
    }

    func appendVote(
        _ plan: PlanVersionRecord, accept: Bool, reason: String, detail: DeclineDetail = DeclineDetail(),
        writer: inout Writer
    ) async throws {
        let payload = PlanVotePayload(
            planId: plan.planId, version: plan.version, planHash: Hash256(hex: plan.planHash) ?? .zero,
            decision: accept ? .accept : .decline, reason: reason, decline: detail)
        _ = try await append(&writer) { _ in [EventDraft(kind: .planVote, payload: payload.serializedBytes())] }
        logger.info(
            "plan vote",
            metadata: [
                "plan.id": "\(plan.planId)", "plan.version": "\(plan.version)",
                "vote": "\(accept ? "accept" : "decline")",
            ])
    }
}

extension CivilDate {
    /// Today in UTC+8 (the calendar's time zone).
    static var today: CivilDate {
        CivilDate(dayNumber: Int32((Date().timeIntervalSince1970 + 8 * 3600) / 86_400))
    }
}
