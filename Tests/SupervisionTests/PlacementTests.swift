import Testing

@testable import Supervision

@Suite("Placements: agents as (department kind, jurisdiction)")
struct PlacementTests {
    /// The city's four departments, Pudong's and Minhang's market and fire bureaus, and a
    /// market team in Lujiazui.
    static let bus: Placements = {
        let pudong = Area(district: "pudong")
        let minhang = Area(district: "minhang")
        return Placements(
            ["market", "fire", "culture", "education"].map { Placement(cityDepartment: DepartmentID(validated: $0)) }
                + [
                    Placement(agent: "pudong-market", kind: .market, area: pudong),
                    Placement(agent: "pudong-fire", kind: .fire, area: pudong),
                    Placement(agent: "minhang-market", kind: .market, area: minhang),
                    Placement(agent: "minhang-fire", kind: .fire, area: minhang),
                    Placement(
                        agent: "lujiazui-market", kind: .market,
                        area: Area(district: "pudong", subdistrict: "lujiazui")),
                ])
    }()

    @Test("areas parse, nest and print as the bus's jurisdictions do")
    func areas() throws {
        let lujiazui = try Area("pudong/lujiazui")
        #expect(lujiazui.level == .subdistrict)
        #expect(lujiazui.lineage.map(\.description) == ["pudong/lujiazui", "pudong", ""])
        #expect(try Area("pudong").contains(lujiazui))
        #expect(!(try Area("minhang")).contains(lujiazui))
        #expect(Area.city.contains(lujiazui))
        #expect(try Area("") == .city)
        #expect(throws: SupervisionError.self) { try Area("Pudong") }
        #expect(throws: SupervisionError.self) { try Area("a/b/c") }
    }

    @Test("a district inspection is composed among the district's bureaus and the city's other kinds")
    func composition() throws {
        let pudong = try Area("pudong")
        #expect(
            Self.bus.participants(at: pudong).map(\.agent.rawValue) == [
                "culture", "education", "pudong-fire", "pudong-market",
            ])
        #expect(!Self.bus.takesPart("market", at: pudong))
        #expect(!Self.bus.takesPart("minhang-fire", at: pudong))
        #expect(Self.bus.takesPart("culture", at: pudong))
        #expect(Self.bus.participants(at: .city).map(\.agent.rawValue) == ["culture", "education", "fire", "market"])
        // A sub-district team takes its kind's place there; the district's fire bureau the other.
        #expect(
            Self.bus.participants(at: try Area("pudong/lujiazui")).map(\.agent.rawValue) == [
                "culture", "education", "lujiazui-market", "pudong-fire",
            ])
    }

    @Test("a referral goes to the kind's agent in the entity's area, falling back up a level")
    func referralRouting() throws {
        let pudong = try Area("pudong")
        #expect(Self.bus.referralRecipient(kind: .fire, entityArea: pudong) == "pudong-fire")
        #expect(Self.bus.referralRecipient(kind: .culture, entityArea: pudong) == "culture")
        #expect(Self.bus.referralRecipient(kind: .fire, entityArea: try Area("minhang")) == "minhang-fire")
        #expect(Self.bus.referralRecipient(kind: .fire, entityArea: try Area("xuhui")) == "fire")
        #expect(Self.bus.referralRecipient(kind: .fire, entityArea: try Area("pudong/lujiazui")) == "pudong-fire")
        #expect(Self.bus.referralRecipient(kind: .police, entityArea: pudong) == nil)
        #expect(Self.bus.kind(of: "pudong-market") == .market)
        #expect(Self.bus.kind(of: "left-the-bus") == "left-the-bus")
    }

    @Test("a register holds the entities within its agent's area; a district's entity belongs to its teams")
    func registerScope() throws {
        let pudong = try Area("pudong")
        #expect(Placements.holds(agentArea: pudong, entityArea: pudong))
        #expect(!Placements.holds(agentArea: pudong, entityArea: try Area("minhang")))
        #expect(Placements.holds(agentArea: .city, entityArea: try Area("minhang")))
        #expect(Placements.holds(agentArea: try Area("pudong/lujiazui"), entityArea: pudong))
        #expect(!Placements.holds(agentArea: try Area("pudong/lujiazui"), entityArea: try Area("pudong/zhangjiang")))
    }

    @Test("composition by kind: a district bureau's items are checked by it and the scenario's lead leads")
    func composeByKind() throws {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: 2000, seed: 1))
        let catalog = try BundledData.scenarioCatalog()
        let calendar = try BundledData.calendar2026()
        let training = city.register.first { $0.industry == "training" && $0.district == "pudong" }!
        let window = try DateRange(start: CivilDate("2026-07-01"), end: CivilDate("2026-09-30"))
        let intents = try [("pudong-market", DepartmentID.market), ("pudong-fire", .fire), ("education", .education)]
            .enumerated().map { i, pair in
                Intent(
                    id: IntentID(department: try DepartmentID(pair.0), sequence: UInt64(i + 1)), entity: training.code,
                    window: window, items: catalog.checklist(for: pair.1, industry: training.industry),
                    reason: .complaint(reference: "test"))
            }
        #expect(intents.allSatisfy { !$0.items.isEmpty })
        let capacity = try DepartmentCapacity(inspectors: 20, inspectionsPerInspectorPerDay: 4, inspectorsPerVisit: 2)
        let plan = try JointPlanner.compose(
            intents: intents, register: city.register, catalog: catalog, calendar: calendar,
            capacities: Dictionary(uniqueKeysWithValues: intents.map { ($0.id.department, capacity) }),
            kinds: ["pudong-market": .market, "pudong-fire": .fire])
        #expect(plan.inspections.count == 1)
        let visit: JointInspection = try #require(plan.inspections.first)
        #expect(visit.lead == .education)
        let checkers = Set(visit.checklist.map(\.checkedBy.rawValue))
        #expect(checkers == ["pudong-market", "pudong-fire", "education"])
        #expect(visit.checklist.first { $0.item == "market.price-display" }?.checkedBy == "pudong-market")
    }
}
