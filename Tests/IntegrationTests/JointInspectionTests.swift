import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus
import SupervisionProtocol
import Testing

/// A whole joint inspection across four real agents, driven only through `jointctl`.
@Suite("Joint inspection across real agent processes", .serialized)
struct JointInspectionTests {
    static let departments = ["market", "fire", "culture", "education"]
    static let period = "2026-Q3"

    @Test(
        "draws, compose, consent from all, a referral acknowledged, a no-penalty outcome; every agent agrees",
        .timeLimit(.minutes(5)))
    func wholeJointInspection() async throws {
        let cluster = try AgentCluster(Self.departments)
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in Self.departments { try await cluster.waitReady(department) }

        // 1. Every department publishes its verifiable draw.
        var drawn = 0
        for department in Self.departments {
            let reply = try await cluster.jointctl(
                department, ["draw", "--period", Self.period, "--seed", "lottery-2026-q3"], as: DrawReply.self)
            #expect(reply.draw.department == department)
            drawn += reply.intents.count
        }
        // A training centre every department wants to see (complaint intents), so one visit is 4-way joint.
        let entity = try #require(
            try await cluster.jointctl(
                "education", ["entities", "--industry", "training", "--limit", "1"], as: [EntityRow].self
            ).first
        ).code
        for department in Self.departments {
            _ = try await cluster.jointctl(
                department, ["intent", "add", "--entity", entity, "--period", Self.period], as: IntentRecord.self)
        }
        let expectedIntents = drawn + Self.departments.count
        _ = try await cluster.waitForAll(
            "education holds every intent", ["education"],
            probe: { try await cluster.jointctl($0, ["summary"], as: SummaryReply.self) },
            condition: { $0["education"]?.counts["intents"] == expectedIntents })

        // 2. Education composes and proposes; 3. every participant consents (auto policy).
        let proposed = try await cluster.jointctl(
            "education", ["compose", "--period", Self.period], as: PlanView.self)
        #expect(Set(proposed.plan.participants) == Set(Self.departments))
        #expect(proposed.visitsSaved > 0)
        let planId = proposed.plan.planId
        let agreed = try await cluster.waitForAll(
            "plan agreed everywhere", Self.departments,
            probe: { try await cluster.jointctl($0, ["plan", "show", planId], as: PlanView.self) },
            condition: { views in views.values.allSatisfy { $0.state == .agreed } })
        // Partners with less capacity than the lead assumed decline; the lead revises until all accept.
        #expect(Set(agreed.values.map(\.plan.planHash)).count == 1)
        #expect(Set(agreed.values.map(\.plan.version)).count == 1)
        let final = agreed["education"]!
        let versions = try await cluster.jointctl("market", ["plan", "list"], as: [PlanView].self)
        // Visits are paced over the quarter, so the partners' rosters usually fit v1; when one does
        // not, its decline states its capacity as fields and the lead revises with it.
        if final.plan.version > 1 {
            let earlier = versions.filter { $0.plan.planId == planId && $0.plan.version < final.plan.version }
            #expect(earlier.allSatisfy { $0.state == .declined && $0.superseded })
            #expect(earlier.flatMap(\.consent).contains { ($0.decline?.inspectors ?? 0) > 0 })
        }
        let joint = try #require(final.plan.visits.first { $0.entity == entity })
        #expect(Set(joint.participants) == Set(Self.departments))

        // 4. Education finds a fire problem: referred to fire, which acknowledges it.
        let referred = try await cluster.jointctl(
            "education",
            [
                "finding", "record", "--entity", entity, "--item", "fire.detectors", "--date", joint.date.description,
                "--inspection", joint.inspectionId, "--measure", "detectors-broken-per-floor", "--value", "3",
            ], as: FindingReply.self)
        let referral = try #require(referred.referral)
        #expect(referral.to == "fire")
        #expect(referred.outcome == nil)
        // 5. Fire's own minor finding: no penalty, with a re-inspection intent.
        let minor = try await cluster.jointctl(
            "fire",
            [
                "finding", "record", "--entity", entity, "--item", "fire.emergency-lighting", "--date",
                joint.date.description,
                "--inspection", joint.inspectionId, "--measure", "emergency-light-faults", "--value", "1",
            ], as: FindingReply.self)
        #expect(minor.outcome?.decision == .noPenalty)
        #expect(minor.reInspection?.reason == "re-inspection")

        // Every agent shows the referral accepted by fire, the same plan hash and the same state digest.
        let referrals = try await cluster.waitForAll(
            "referral acknowledged everywhere", Self.departments,
            probe: { try await cluster.jointctl($0, ["referrals", "list"], as: [ReferralView].self) },
            condition: { lists in lists.values.allSatisfy { $0.map(\.referral.status) == [.accepted] } })
        #expect(referrals.values.allSatisfy { $0.first?.referral.referralId == referral.referralId })
        let summaries = try await cluster.waitForAll(
            "identical state everywhere", Self.departments,
            probe: { try await cluster.jointctl($0, ["summary"], as: SummaryReply.self) },
            condition: {
                Set($0.values.map(\.digest)).count == 1 && $0.values.allSatisfy { $0.counts["outcomes"] == 1 }
            })
        #expect(Set(summaries.values.map(\.heads)).count == 1)

        // The draw re-runs from its published seed.
        let verified = try await cluster.jointctl(
            "market", ["verify", "--department", "market", "--period", Self.period], as: VerifyReply.self)
        #expect(verified.matches)
        // Disclosure publishes decided outcomes only: fire's no-penalty decision, not the visit
        // (the referred detector violation awaits fire's decision), and no planned visit. Every
        // agent holding the same events publishes the same rows.
        var published: [String: DisclosureTables] = [:]
        for department in Self.departments {
            published[department] = try await cluster.jointctl(department, ["disclose"], as: DiscloseReply.self).tables
        }
        let tables = try #require(published["education"])
        #expect(Set(published.values).count == 1, "the same rows at every agent")
        #expect(tables.violations.map(\.code) == ["fire.emergency-lighting"])
        #expect(tables.violations.first?.outcome == "no-penalty")
        #expect(!tables.inspections.contains { $0.inspectionCode == joint.inspectionId })
        #expect(tables.withheld.visitsAwaitingDecision == 1 && tables.withheld.violationsAwaitingDecision == 1)
        #expect(tables.withheld.visitsWithoutResults == final.plan.visits.count - 1)
        for department in Self.departments { #expect(cluster.terminate(department) == 0) }
    }
}
