import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus
import SupervisionBusTesting
import Testing

/// A bus of two levels across real agent processes: the city's culture and education
/// departments, Pudong's market and fire bureaus, and Minhang's market bureau.
@Suite("Districts: agents as (department kind, jurisdiction) across real agent processes", .serialized)
struct DistrictTests {
    static let agents = ["culture", "education", "pudong-market", "pudong-fire", "minhang-market"]
    static let placements: [String: LocalBus.Placement] = [
        "pudong-market": .init(kind: "market", jurisdiction: Jurisdiction("pudong")!),
        "pudong-fire": .init(kind: "fire", jurisdiction: Jurisdiction("pudong")!),
        "minhang-market": .init(kind: "market", jurisdiction: Jurisdiction("minhang")!),
    ]
    static let period = "2026-Q3"

    @Test(
        "a district joint inspection, a referral up to the city and one within the district; own-kind findings stay",
        .timeLimit(.minutes(5)))
    func districtInspection() async throws {
        let cluster = try AgentCluster(Self.agents, placements: Self.placements)
        defer { cluster.shutdown() }
        try cluster.startAll()
        for agent in Self.agents { try await cluster.waitReady(agent) }

        // A district's register holds only its jurisdiction; the city's holds every district.
        let pudong = try await cluster.jointctl(
            "pudong-market", ["entities", "--limit", "100000"], as: [EntityRow].self)
        let city = try await cluster.jointctl("education", ["entities", "--limit", "100000"], as: [EntityRow].self)
        #expect(!pudong.isEmpty && pudong.allSatisfy { $0.district == "pudong" })
        #expect(Set(city.map(\.district)).count > 2)
        #expect(city.filter { $0.district == "pudong" }.map(\.code).sorted() == pudong.map(\.code).sorted())
        let summary = try await cluster.jointctl("pudong-market", ["summary"], as: SummaryReply.self)
        #expect(summary.kind == "market" && summary.jurisdiction == "pudong")
        #expect(summary.entities == pudong.count)

        // A training centre in Pudong: its checklist is market's (by kind), Minhang does not hold it.
        let site = try #require(pudong.first { $0.industry == "training" }).code
        let foreign = try await cluster.jointctl(
            "minhang-market", ["intent", "add", "--entity", site, "--period", Self.period])
        #expect(foreign.status != 0)
        #expect(foreign.stderr.contains("not in minhang-market's register"))
        var seqs: [String: UInt64] = [:]
        for agent in ["pudong-market", "pudong-fire", "education"] {
            let intent = try await cluster.jointctl(
                agent, ["intent", "add", "--entity", site, "--period", Self.period], as: IntentRecord.self)
            #expect(!intent.itemIds.isEmpty)
            if agent == "pudong-market" { #expect(intent.itemIds.contains("market.price-display")) }
            seqs[agent] = intent.ref.seq
        }
        try await cluster.waitUntil("pudong-market holds the three intents") { statuses in
            seqs.allSatisfy { (statuses["pudong-market"]?.heads[$0.key]?.seq ?? 0) >= $0.value }
        }

        // Composed among Pudong's agents: its bureaus, and the city's education (Pudong has none).
        let proposed = try await cluster.jointctl(
            "pudong-market", ["compose", "--period", Self.period], as: PlanView.self)
        let visit = try #require(proposed.plan.visits.first { $0.entity == site })
        #expect(visit.participants.sorted() == ["education", "pudong-fire", "pudong-market"])
        #expect(visit.lead == "education")
        #expect(visit.items["market.price-display"] == "pudong-market")
        #expect(visit.items.values.allSatisfy { ["education", "pudong-fire", "pudong-market"].contains($0) })
        let planId = proposed.plan.planId
        let participants = proposed.plan.participants
        _ = try await cluster.waitForAll(
            "the Pudong plan agreed by its participants", participants,
            probe: { try await cluster.jointctl($0, ["plan", "show", planId], as: PlanView.self) },
            condition: { views in views.values.allSatisfy { $0.state == .agreed } })
        let led = try await cluster.jointctl(
            "education", ["plan", "list", "--jurisdiction", "pudong"], as: [PlanView].self)
        #expect(led.map(\.plan.planId).contains(planId))
        let none = try await cluster.jointctl(
            "education", ["plan", "list", "--jurisdiction", "minhang"], as: [PlanView].self)
        #expect(none.isEmpty)

        // Findings at the visit by pudong-market.
        func record(_ item: String, _ extra: [String] = []) async throws -> FindingReply {
            try await cluster.jointctl(
                "pudong-market",
                [
                    "finding", "record", "--entity", site, "--item", item, "--date", visit.date.description,
                    "--inspection", visit.inspectionId,
                ] + extra, as: FindingReply.self)
        }
        let price = try await record("market.price-display")
        #expect(price.referral == nil, "pudong-market's own price-display finding was referred")
        #expect(price.responsible == "market")
        let licence = try await record("education.training-licence")
        #expect(licence.referral?.to == "education", "a Pudong finding for education goes up to the city")
        let detectors = try await record(
            "fire.detectors", ["--measure", "detectors-broken-per-floor", "--value", "3"])
        #expect(detectors.referral?.to == "pudong-fire", "a fire finding goes to the entity's district's fire bureau")
        let ids = [licence.referral?.referralId, detectors.referral?.referralId].compactMap { $0 }
        let seen = try await cluster.waitForAll(
            "both referrals accepted", ["pudong-market"],
            probe: { try await cluster.jointctl($0, ["referrals", "list"], as: [ReferralView].self) },
            condition: { lists in
                let mine = lists["pudong-market"]?.filter { ids.contains($0.referral.referralId) } ?? []
                return mine.count == 2 && mine.allSatisfy { $0.referral.status == .accepted }
            })
        #expect(seen["pudong-market"]!.allSatisfy { $0.referral.from == "pudong-market" })
        let atCity = try await cluster.jointctl(
            "education", ["referrals", "list", "--jurisdiction", "pudong"], as: [ReferralView].self)
        #expect(Set(atCity.map(\.referral.referralId)) == Set(ids))
        let minhang = try await cluster.jointctl(
            "education", ["referrals", "list", "--jurisdiction", "minhang"], as: [ReferralView].self)
        #expect(minhang.isEmpty)
    }

    @Test("jointctl keys show places an entry by --kind and --jurisdiction, and refuses a bad one")
    func keysPlacement() async throws {
        let cluster = try AgentCluster([])
        defer { cluster.shutdown() }
        let dir = cluster.directory.appendingPathComponent("keys-pudong-culture").path
        let generated = try await cluster.jointctl(local: ["keys", "generate", "--dir", dir])
        #expect(generated.status == 0, "\(generated.stderr)")
        let made = try await cluster.jointctl(local: [
            "keys", "show", "--dir", dir, "--department", "pudong-culture", "--kind", "culture",
            "--jurisdiction", "pudong", "--endpoint", "tcp://127.0.0.1:7100", "--entry-only",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let entry = try JSONDecoder().decode(Membership.Member.self, from: Data(made.stdout.utf8))
        #expect(entry.departmentKind == "culture" && entry.jurisdiction == Jurisdiction("pudong"))
        let bad = try await cluster.jointctl(local: [
            "keys", "show", "--dir", dir, "--department", "pudong-culture", "--jurisdiction", "Pudong",
            "--endpoint", "tcp://127.0.0.1:7100",
        ])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--jurisdiction must be a district"))
    }
}
