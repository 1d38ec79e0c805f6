import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus
import Testing

/// A sixth scenario (托育机构 / 幼儿园食堂) added by catalog data alone, through `jointctl catalog`
/// against running agents: drafted, signed, pushed to one agent, adopted by all without restart,
/// then used end to end (intents on its checklist, a joint plan under it, a finding referred
/// along its new route).
@Suite("A new scenario by catalog alone, across real agents", .serialized)
struct CatalogDistributionTests {
    static let departments = ["market", "fire", "education", "health"]

    /// The scenario of issue 11: education leads; market checks the canteen licence, 48 h / 125 g
    /// sample retention and staff health certificates; fire; health checks disinfection and
    /// infectious-disease reporting. Market's and fire's items exist already; education's and
    /// health's are new.
    static func addChildcare(to document: inout CatalogDocument) throws {
        func item(_ id: String, _ owner: String, _ zh: String, _ basis: String, _ category: String) throws
            -> ChecklistItem
        {
            ChecklistItem(
                id: try ChecklistItemID(id), owner: try DepartmentID(owner), title: id, titleZh: zh, legalBasis: basis,
                category: try ItemCategory(category))
        }
        document.items += [
            try item("education.childcare-staffing", "education", "保育人员配备", "托育机构设置标准（试行）", "childcare"),
            try item("health.disinfection", "health", "消毒卫生", "托儿所幼儿园卫生保健管理办法 第十五条", "public-health"),
            try item("health.infectious-disease-reporting", "health", "传染病报告", "传染病防治法 第三十条", "public-health"),
        ]
        document.scenarios.insert(
            Scenario(
                id: "childcare-canteens", title: "Childcare centres and kindergarten canteens", titleZh: "托育机构/幼儿园食堂",
                industries: ["childcare"], lead: .education, participants: [.market, .fire, .health],
                items: [
                    "education.childcare-staffing", "market.canteen-licence", "market.sample-retention",
                    "market.staff-health-certificates", "fire.extinguishers", "fire.evacuation-routes",
                    "health.disinfection", "health.infectious-disease-reporting",
                ]), at: 0)
        // public-health already goes to health; the new category needs a route.
        document.routes.append(ReferralRoute(category: "childcare", department: .education))
        document.label = "2026.2-childcare"
    }

    @Test(
        "draft, sign, push; every agent adopts it; a joint childcare visit and a referral to health",
        .timeLimit(.minutes(6)))
    func sixthScenarioByDataAlone() async throws {
        let cluster = try AgentCluster(Self.departments)
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in Self.departments { try await cluster.waitReady(department) }

        let before = try await cluster.jointctl("health", ["catalog", "current"], as: CatalogSummary.self)
        #expect(before.version == 1)
        #expect(!before.scenarios.contains("childcare-canteens"))

        // A childcare centre in every department's register.
        let code = try CreditCode(body: [9, 1, 3, 1, 0, 1, 1, 5, 0, 0, 0, 0, 7, 7, 0, 0, 1]).description
        let register = cluster.directory.appendingPathComponent("childcare.csv")
        try """
        credit_code,name,industry,district,address,risk_class
        \(code),小星星托育中心,childcare,pudong,浦东新区张杨路1号,C
        """.write(to: register, atomically: true, encoding: .utf8)
        for department in Self.departments {
            let imported = try await cluster.jointctl(department, ["import", "register", register.path])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        // Health's roster (the sample data gives it none).
        let roster = cluster.directory.appendingPathComponent("health-roster.csv")
        let rows = (1...4).map { "health-\($0),law-enforcement,\n" }.joined()
        try ("inspector_id,qualifications,conflicts\n" + rows).write(to: roster, atomically: true, encoding: .utf8)
        let staffed = try await cluster.jointctl("health", ["import", "roster", roster.path])
        #expect(staffed.status == 0, "\(staffed.stderr)")
        // Under catalog 1, health has no such item.
        let early = try await cluster.jointctl(
            "education",
            ["finding", "record", "--entity", code, "--item", "health.disinfection", "--date", "2026-09-15"])
        #expect(early.status == 65)
        #expect(early.stderr.contains("not in the catalog"))

        // Draft (the bundled catalog as version 2), edit as data, sign, push to market only.
        let draft = cluster.directory.appendingPathComponent("catalog.draft.json")
        let signed = cluster.directory.appendingPathComponent("catalog.signed.json")
        let drafted = try await cluster.jointctl(local: ["catalog", "draft", "--out", draft.path])
        #expect(drafted.status == 0, "\(drafted.stderr)")
        var document = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: draft))
        #expect(document.version == 2)
        try Self.addChildcare(to: &document)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(document).write(to: draft)
        let authority = cluster.directory.appendingPathComponent("authority").path
        let sign = try await cluster.jointctl(
            local: ["catalog", "sign", "--authority", authority, "--in", draft.path, "--out", signed.path])
        #expect(sign.status == 0, "\(sign.stderr)")
        let verify = try await cluster.jointctl(
            local: ["catalog", "verify", signed.path, "--anchor", authority + "/anchor.json"])
        #expect(verify.status == 0, "\(verify.stderr)")

        // A tampered copy is refused and changes nothing.
        let tampered = cluster.directory.appendingPathComponent("catalog.tampered.json")
        var file = try JSONSerialization.jsonObject(with: Data(contentsOf: signed)) as! [String: Any]
        file["keyId"] = 7
        try JSONSerialization.data(withJSONObject: file).write(to: tampered)
        let refused = try await cluster.jointctl("market", ["catalog", "push", tampered.path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("unknown-key") || refused.stderr.contains("key 7"))

        let pushed = try await cluster.jointctl("market", ["catalog", "push", signed.path], as: CatalogSummary.self)
        #expect(pushed.version == 2)
        let again = try await cluster.jointctl("market", ["catalog", "push", signed.path])
        #expect(again.status == 65)
        #expect(again.stderr.contains("not newer"))

        // Every agent adopts it from market's log, without restart.
        let adopted = try await cluster.waitForAll(
            "catalog 2 everywhere", Self.departments,
            probe: { try await cluster.jointctl($0, ["catalog", "current"], as: CatalogSummary.self) },
            condition: { $0.values.allSatisfy { $0.version == 2 } })
        #expect(Set(adopted.values.map(\.digest)).count == 1)
        #expect(adopted["health"]!.held == [1, 2])
        #expect(adopted["fire"]!.scenarios.first == "childcare-canteens")

        // Intents on the new checklist; education composes one joint visit under catalog 2.
        for department in Self.departments {
            let intent = try await cluster.jointctl(
                department, ["intent", "add", "--entity", code, "--period", "2026-Q4"], as: IntentRecord.self)
            #expect(!intent.itemIds.isEmpty)
        }
        _ = try await cluster.waitForAll(
            "education holds every intent", ["education"],
            probe: { try await cluster.jointctl($0, ["summary"], as: SummaryReply.self) },
            condition: { $0["education"]?.counts["intents"] == Self.departments.count })
        let proposed = try await cluster.jointctl("education", ["compose", "--period", "2026-Q4"], as: PlanView.self)
        #expect(proposed.plan.catalogVersion == 2)
        let agreed = try await cluster.waitForAll(
            "childcare plan agreed everywhere", Self.departments,
            probe: { try await cluster.jointctl($0, ["plan", "show", proposed.plan.planId], as: PlanView.self) },
            condition: { $0.values.allSatisfy { $0.state == .agreed } })
        let visit = try #require(agreed["health"]!.plan.visits.first { $0.entity == code })
        #expect(visit.lead == "education")
        #expect(Set(visit.participants) == Set(Self.departments))
        #expect(visit.items["health.disinfection"] == "health")
        #expect(visit.items["market.sample-retention"] == "market")

        // Education finds a disinfection problem: the new route sends it to health.
        let finding = try await cluster.jointctl(
            "education",
            [
                "finding", "record", "--entity", code, "--item", "health.disinfection", "--date",
                visit.date.description,
                "--inspection", visit.inspectionId,
            ], as: FindingReply.self)
        let referral = try #require(finding.referral)
        #expect(referral.to == "health")
        #expect(referral.category == "public-health")
        _ = try await cluster.waitForAll(
            "health acknowledged the referral", ["health"],
            probe: { try await cluster.jointctl($0, ["referrals", "list"], as: [ReferralView].self).map(\.referral) },
            condition: {
                $0["health"]?.contains { $0.referralId == referral.referralId && $0.status == .accepted } == true
            })

        // A date outside every calendar of the catalog is refused, not treated as a working day.
        let late = try await cluster.jointctl(
            "education",
            ["finding", "record", "--entity", code, "--item", "health.disinfection", "--date", "2028-03-01"])
        #expect(late.status == 65)
        #expect(late.stderr.contains("outside the working calendar"))
    }
}
