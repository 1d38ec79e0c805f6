import Logging
import Supervision
import SupervisionBus
import SupervisionProtocol
import Synchronization

extension DepartmentAgent {
    /// Automatic participation, run by the worker once the fold has caught up: votes on
    /// proposals that involve this department (`auto` policy), assigns inspectors to agreed
    /// visits, acknowledges referrals addressed to it (`auto` policy). Each reaction is done
    /// once: the fold shows it afterwards, and `writer.reacted` covers the time in between (the
    /// worker clears it when an append failed for a full disk, so those reactions run again).
    func react(writer: inout Writer) async throws {
        let state = snapshot
        let own = department.rawValue
        let auto = settings.policy == "auto"
        for view in state.planViews where !view.superseded && view.plan.participants.contains(own) {
            let key = "vote:\(view.plan.planId)/\(view.plan.version)/\(view.plan.planHash)"
            let mine = view.consent.first { $0.department == own }
            if auto, mine?.state == .pending, !writer.reacted.contains(key) {
                writer.reacted.insert(key)
                let decline =
                    view.outcompetedBy.map {
                        ("one plan per period: plan \($0) covers some of the same intents and stands", DeclineDetail())
                    } ?? evaluate(view.plan)
                try await appendVote(
                    view.plan, accept: decline == nil, reason: decline?.reason ?? "",
                    detail: decline?.detail ?? DeclineDetail(), writer: &writer)
            }
            if view.state == .agreed {
                let key = "assign:\(view.plan.planId)/\(view.plan.version)"
                let done = state.assignments.values.contains {
                    $0.ref.origin == own && $0.planId == view.plan.planId && $0.planVersion == view.plan.version
                }
                if !done, !writer.reacted.contains(key) {
                    writer.reacted.insert(key)
                    try await assign(view.plan, writer: &writer)
                }
            }
        }
        // A declined plan of ours: propose a revision that takes the stated capacities into account.
        for view in state.planViews where view.plan.lead == own && !view.superseded && view.state == .declined {
            let key = "revise:\(view.plan.planId)/\(view.plan.version)"
            guard !writer.reacted.contains(key), view.plan.version < 10, let period = try? Period(view.plan.period)
            else { continue }
            // A partner that lacks the catalog cannot be helped by another composition: wait for it.
            if view.consent.contains(where: { ($0.decline?.missingCatalogVersion ?? 0) != 0 }) { continue }
            writer.reacted.insert(key)
            do {
                let revised = try await compose(period: period, planId: view.plan.planId, writer: &writer)
                logger.info(
                    "plan revised after a decline",
                    metadata: ["plan.id": "\(view.plan.planId)", "plan.version": "\(revised.plan.version)"])
            } catch let error as AgentError where error.code == .invalidState {
                logger.warning(
                    "plan not revised: the declines cannot be met by composing again",
                    metadata: ["plan.id": "\(view.plan.planId)", "error": "\(error.message)"])
            }
        }
        guard auto else { return }
        for referral in state.referralList where referral.to == own && referral.stage == .awaitingAcceptance {
            let key = "ack:\(referral.from)/\(referral.referralId)"
            guard !writer.reacted.contains(key) else { continue }
            writer.reacted.insert(key)
            try await appendAck(
                referral, status: .accepted, note: "received; will decide within the service level", writer: &writer)
        }
    }

    /// Checks a proposal against this department's catalogs, register, roster and capacity;
    /// `nil` when it fits, otherwise the reason to decline and what the lead should change.
    func evaluate(_ plan: PlanVersionRecord) -> (reason: String, detail: DeclineDetail)? {
        if let refusal = catalogRefusal(planCatalog: plan.catalogVersion) {
            return (refusal, DeclineDetail(missingCatalogVersion: UInt64(plan.catalogVersion)))
        }
        let own = department.rawValue
        let (data, register) = shared.withLock { ($0.data, $0.register) }
        let perDay = data.inspectors.count * settings.perDay
        let capacity = DeclineDetail(
            inspectors: UInt32(clamping: data.inspectors.count), visitsPerInspectorPerDay: UInt32(settings.perDay))
        var needed: [CivilDate: Int] = [:]
        for visit in plan.visits where visit.participants.contains(own) {
            guard let code = try? CreditCode(visit.entity), register.entity(code) != nil else {
                return ("unknown entity \(visit.entity) in \(own)'s register", DeclineDetail())
            }
            needed[visit.date, default: 0] += max(visit.inspectors[own] ?? 0, settings.perVisit)
        }
        if data.inspectors.count < settings.perVisit {
            return (
                "capacity: \(own) has \(data.inspectors.count) inspectors, a visit needs \(settings.perVisit)", capacity
            )
        }
        if let (date, slots) = needed.sorted(by: { $0.key < $1.key }).first(where: { $0.value > perDay }) {
            return (
                "capacity: \(date) needs \(slots) inspector slots, \(own) has \(perDay) (\(data.inspectors.count) inspectors)",
                capacity
            )
        }
        return nil
    }
}
