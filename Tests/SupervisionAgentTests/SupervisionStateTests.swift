import Foundation
import SupervisionAgent
import SupervisionProtocol
import Testing

@Suite("SupervisionState: the deterministic fold")
struct SupervisionStateTests {
    static let hash = Hash256.sha256(of: Array("plan".utf8))

    static func event(_ origin: String, _ seq: UInt64, _ payload: some EventPayload) -> EventEnvelope {
        EventEnvelope(origin: origin, seq: seq, prevHash: .zero, timestampMs: 0, payload: payload)
    }

    static var events: [EventEnvelope] {
        let visit = SupervisionProtocol.JointInspection(
            inspectionId: "X-20260701-1", entity: "91310115MA1K000000", date: "2026-07-01", lead: "market",
            participants: ["fire", "market"], items: [ChecklistItem(itemId: "fire.detectors", owner: "fire")],
            inspectors: [InspectorQuota(department: "fire", count: 2)],
            intents: [EventRef(origin: "market", seq: 1), EventRef(origin: "fire", seq: 1)])
        return [
            event(
                "market", 1,
                IntentPayload(
                    department: "market", entity: "91310115MA1K000000", windowStart: "2026-07-01",
                    windowEnd: "2026-09-30",
                    itemIds: [], reason: .randomDraw)),
            event(
                "fire", 1,
                IntentPayload(
                    department: "fire", entity: "91310115MA1K000000", windowStart: "2026-07-01",
                    windowEnd: "2026-09-30",
                    itemIds: [], reason: .randomDraw)),
            event(
                "market", 2,
                PlanProposalPayload(
                    planId: "p", version: 1, planHash: hash, period: "2026-Q3", inspections: [visit], singleVisits: [])),
            event("fire", 2, PlanVotePayload(planId: "p", version: 1, planHash: hash, decision: .accept)),
            event("market", 3, PlanVotePayload(planId: "p", version: 1, planHash: hash, decision: .accept)),
            event(
                "fire", 3,
                ReferralPayload(
                    referralId: "R-1", fromDepartment: "fire", toDepartment: "market", finding: nil, category: "price")),
            event(
                "market", 4,
                ReferralAckPayload(referralId: "R-1", status: .accepted, referral: EventRef(origin: "fire", seq: 3))),
        ]
    }

    @Test("Same events in any cross-origin order give the same plans, consent, referrals and digest")
    func orderIndependent() {
        var forward = SupervisionState()
        for e in Self.events { forward.apply(e) }
        // Another agent: fire's log arrived entirely before market's (votes and ack before proposal/referral).
        var other = SupervisionState()
        for e in Self.events.filter({ $0.origin == "fire" }) + Self.events.filter({ $0.origin == "market" }).reversed()
        {
            other.apply(e)
        }
        #expect(forward.digest == other.digest)
        #expect(forward.planViews == other.planViews)
        #expect(forward.planViews.first?.state == .agreed)
        #expect(forward.planViews.first?.plan.planHash == Self.hash.hex)
        #expect(forward.referralList.map(\.status) == [.accepted])
    }

    @Test("A vote naming another hash does not count; a decline carries its reason")
    func consent() {
        var state = SupervisionState()
        for e in Self.events.prefix(3) { state.apply(e) }
        state.apply(
            Self.event(
                "fire", 2,
                PlanVotePayload(planId: "p", version: 1, planHash: Hash256.sha256(of: [1]), decision: .accept)))
        #expect(state.planViews.first?.state == .pending)
        state.apply(
            Self.event(
                "fire", 3,
                PlanVotePayload(planId: "p", version: 1, planHash: Self.hash, decision: .decline, reason: "capacity")))
        #expect(state.planViews.first?.state == .declined)
        #expect(state.planViews.first?.consent.first { $0.department == "fire" }?.reason == "capacity")
    }

    @Test("Applying an event twice changes nothing")
    func idempotent() {
        var once = SupervisionState()
        var twice = SupervisionState()
        for e in Self.events {
            once.apply(e)
            twice.apply(e)
            twice.apply(e)
        }
        #expect(once.digest == twice.digest)
    }
}
