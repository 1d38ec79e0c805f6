import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus
import Testing

/// Referral service levels through `jointctl` against real agents: stage, deadline and working
/// days late; `referrals list --overdue` exits 1 when any referral is overdue, 0 when none is.
@Suite("Referral service levels across real agent processes", .serialized)
struct ReferralServiceLevelTests {
    @Test(
        "--overdue exits 0 before the deadline and 1 after it, with the working days late across the holiday",
        .timeLimit(.minutes(3)))
    func overdueExitStatus() async throws {
        // Fire answers by hand, so the referral waits for acceptance.
        let cluster = try AgentCluster(["market", "fire"], settings: ["fire": ["consentPolicy": "manual"]])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in ["market", "fire"] { try await cluster.waitReady(department) }
        let entity = try await cluster.jointctl("market", ["entities", "--limit", "1"], as: [EntityRow].self)[0].code

        // Wednesday 30 September 2026: 1-7 October is a holiday, Saturday 10 October a make-up working day.
        let referral = try await cluster.referDetectorsToFire(entity: entity, date: "2026-09-30")

        // On the deadline (accept by Friday 9 October): nothing overdue, exit 0.
        let onTime = try await cluster.jointctl("fire", ["referrals", "list", "--overdue", "--as-of", "2026-10-09"])
        #expect(onTime.status == 0, "\(onTime.stdout) \(onTime.stderr)")
        #expect(!onTime.stdout.contains(referral.referralId))

        // Tuesday 13 October: 3 working days late (10, 12, 13 October), exit 1, at both agents.
        for department in ["fire", "market"] {
            let late = try await cluster.jointctl(
                department, ["referrals", "list", "--overdue", "--as-of", "2026-10-13", "--json"])
            #expect(late.status == 1, "\(department): \(late.stderr)")
            let views = try late.decode([ReferralView].self)
            let view = try #require(views.first { $0.referral.referralId == referral.referralId })
            #expect(views.count == 1)
            #expect(view.stage == .awaitingAcceptance && view.overdue)
            #expect(view.deadline == (try CivilDate("2026-10-09")))
            #expect(view.workingDaysLate == 3)
        }
        let table = try await cluster.jointctl("fire", ["referrals", "list", "--overdue", "--as-of", "2026-10-13"])
        #expect(table.status == 1)
        let row = try #require(table.stdout.split(separator: "\n").first { $0.contains(referral.referralId) })
        #expect(row.contains("awaitingAcceptance") && row.contains("2026-10-09") && row.hasSuffix("3"), "\(row)")
        #expect(table.stdout.contains("working days late"))

        // A step out of order is refused before anything is appended; the right one is taken.
        let before = try await cluster.ownHead("fire")
        let early = try await cluster.jointctl(
            "fire", ["referral", "ack", "market/\(referral.referralId)", "--status", "feedback"])
        #expect(early.status == 65 && early.stderr.contains("not allowed"), "\(early.stderr)")
        #expect(try await cluster.ownHead("fire") == before)
        let accepted = try await cluster.jointctl(
            "fire", ["referral", "ack", "market/\(referral.referralId)", "--status", "accepted"], as: ReferralView.self)
        #expect(accepted.stage == .awaitingDecision && accepted.referral.status == .accepted)
        let summary = try await cluster.jointctl("fire", ["summary"], as: SummaryReply.self)
        #expect(summary.refused.isEmpty)
    }
}
