import Crypto
import Foundation
import Supervision

extension SupervisionState {
    /// Every plan version with its consent, sorted by lead, plan id and version.
    ///
    /// One plan per period: when the latest versions of two leads' plans for the same period
    /// share an intent, the plan of the lead with the smaller id stands and every version of the
    /// other is marked ``PlanView/outcompetedBy`` (its participants decline it, its lead composes
    /// again without the intents the standing plan covers). The rule reads only held events, so
    /// every agent that holds them applies it alike.
    public var planViews: [PlanView] {
        let latest = plans.values.compactMap { versions in versions.keys.max().flatMap { versions[$0] } }
        var rival: [String: String] = [:]
        for plan in latest {
            let intents = Set(plan.visits.flatMap(\.intents))
            let winner = latest.filter { other in
                other.lead < plan.lead && other.period == plan.period
                    && !intents.isDisjoint(with: other.visits.flatMap(\.intents))
            }.min { $0.lead < $1.lead }
            if let winner { rival[Self.planKey(lead: plan.lead, planId: plan.planId)] = winner.planId }
        }
        var out: [PlanView] = []
        for (key, versions) in plans {
            let newest = versions.keys.max() ?? 0
            for (_, record) in versions {
                var view = view(of: record, superseded: record.version < newest)
                view.outcompetedBy = rival[key]
                out.append(view)
            }
        }
        return out.sorted {
            ($0.plan.lead, $0.plan.planId, $0.plan.version) < ($1.plan.lead, $1.plan.planId, $1.plan.version)
        }
    }

    /// The latest version of `planId` (by any lead, the first lead in id order if several).
    public func latestPlan(_ planId: String, version: UInt32? = nil) -> PlanView? {
        let candidates = planViews.filter { $0.plan.planId == planId }
        if let version { return candidates.first { $0.plan.version == version } }
        return candidates.filter { !$0.superseded }.first
    }

    func view(of record: PlanVersionRecord, superseded: Bool) -> PlanView {
        let cast = votes[Self.voteKey(planId: record.planId, version: record.version)] ?? [:]
        let consent = record.participants.map { department -> Consent in
            guard let vote = cast[department], vote.planHash == record.planHash else {
                return Consent(department: department, state: .pending, reason: nil, decline: nil)
            }
            switch vote.decision {
            case .accept: return Consent(department: department, state: .accepted, reason: nil, decline: nil)
            case .decline:
                return Consent(department: department, state: .declined, reason: vote.reason, decline: vote.decline)
            }
        }
        return PlanView(
            plan: record, consent: consent, state: PlanState(consent: consent.map(\.state)), superseded: superseded)
    }

    /// Referrals with their acknowledgements applied, sorted by event.
    public var referralList: [ReferralRecord] { referrals.values.sorted { $0.ref < $1.ref } }

    /// Referrals with their stage, current deadline and lateness as of `today` under `levels`
    /// and `calendar` (working days), sorted by event.
    public func referralViews(asOf today: CivilDate, levels: ServiceLevels, calendar: WorkingCalendar)
        -> [ReferralView]
    {
        referralList.map { ReferralView($0, asOf: today, levels: levels, calendar: calendar) }
    }

    /// The intents not yet served by an agreed or pending plan of `lead`, sorted by event.
    public var intentList: [IntentRecord] { intents.values.sorted { $0.ref < $1.ref } }

    /// Findings sorted by event.
    public var findingList: [FindingRecord] { findings.values.sorted { $0.ref < $1.ref } }

    /// Outcomes sorted by event.
    public var outcomeList: [OutcomeRecord] { outcomes.values.sorted { $0.ref < $1.ref } }

    /// SHA-256 (hex) over the canonical JSON of plans with consent and referrals with their
    /// states: equal on agents that hold the same events.
    public var digest: String {
        struct Canonical: Encodable {
            var plans: [PlanView]
            var referrals: [ReferralRecord]
            var outcomes: [OutcomeRecord]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data =
            (try? encoder.encode(Canonical(plans: planViews, referrals: referralList, outcomes: outcomeList))) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
