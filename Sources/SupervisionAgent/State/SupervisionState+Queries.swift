import Crypto
import Foundation

extension SupervisionState {
    /// Every plan version with its consent, sorted by lead, plan id and version.
    public var planViews: [PlanView] {
        var out: [PlanView] = []
        for (_, versions) in plans {
            let latest = versions.keys.max() ?? 0
            for (_, record) in versions {
                out.append(view(of: record, superseded: record.version < latest))
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
                return Consent(department: department, state: "pending", reason: nil)
            }
            return vote.decision == "accept"
                ? Consent(department: department, state: "accepted", reason: nil)
                : Consent(department: department, state: "declined", reason: vote.reason)
        }
        let state =
            consent.contains { $0.state == "declined" }
            ? "declined" : consent.allSatisfy { $0.state == "accepted" } ? "agreed" : "pending"
        return PlanView(plan: record, consent: consent, state: state, superseded: superseded)
    }

    /// Referrals with the acknowledgements of their responsible department, sorted by event.
    public var referralList: [ReferralRecord] {
        referrals.map { key, record in
            var copy = record
            copy.acks = (acks[key] ?? []).filter { $0.ref.origin == record.to }
            return copy
        }.sorted { $0.ref < $1.ref }
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
