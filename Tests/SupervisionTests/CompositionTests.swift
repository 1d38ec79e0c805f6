import Testing

@testable import Supervision

/// A generated city with intents from four departments, shared by the invariant tests.
struct CityPlanFixture {
    let city: GeneratedCity
    let catalog: ScenarioCatalog
    let calendar: WorkingCalendar
    let intents: [Intent]
    let capacities: [DepartmentID: DepartmentCapacity]

    init(entities: Int = 6_000, seed: UInt64 = 42, inspectorsPerDepartment: Int? = nil) throws {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: entities, seed: seed))
        let catalog = Fixtures.catalog
        self.city = city
        self.catalog = catalog
        calendar = Fixtures.calendar2026
        let period = Fixtures.range("2026-01-01", "2026-06-30")
        var all: [Intent] = []
        var capacities: [DepartmentID: DepartmentCapacity] = [:]
        for (k, department) in CityProfile.coreDepartments.enumerated() {
            let draw = try RandomDraw.draw(
                DrawRequest(department: department, period: period, seed: DrawSeed(text: "compose-\(seed)")),
                register: city.register, roster: city.inspectors)
            var n = 0
            all += draw.intents(
                firstSequence: 100,
                window: { _ in
                    n += 1
                    let months = [1, 2, 3, 6][k]
                    let first = (n % (6 / months)) * months + 1
                    let last = first + months - 1
                    return try! DateRange(
                        start: CivilDate(year: 2026, month: first, day: 1),
                        end: CivilDate(year: 2026, month: last, day: CivilDate.daysIn(month: last, year: 2026)))
                },
                items: { t in
                    catalog.checklist(for: department, industry: city.register.entity(t.entity)!.industry)
                })
            let roster = city.inspectors.filter { $0.department == department }.count
            capacities[department] = try DepartmentCapacity(inspectors: inspectorsPerDepartment ?? roster)
        }
        intents = all
        self.capacities = capacities
    }

    func compose(_ intents: [Intent], _ parameters: CompositionParameters = .init()) throws -> JointPlan {
        try JointPlanner.compose(
            intents: intents, register: city.register, catalog: catalog, calendar: calendar, capacities: capacities,
            parameters: parameters)
    }
}

@Suite struct CompositionInvariantTests {
    static let fixture = try! CityPlanFixture()
    static let plan = try! fixture.compose(fixture.intents)

    @Test func everyIntentIsServedExactlyOnce() {
        let plan = Self.plan
        var served: [IntentID] = plan.inspections.flatMap(\.intents) + plan.unscheduled.map(\.intent)
        served.sort()
        #expect(served == Self.fixture.intents.map(\.id).sorted())
        #expect(plan.metrics.intents == Self.fixture.intents.count)
    }

    @Test func visitsAreOnWorkingDaysInsideEveryServedWindow() {
        let byID = Dictionary(uniqueKeysWithValues: Self.fixture.intents.map { ($0.id, $0) })
        for v in Self.plan.inspections {
            #expect(Self.fixture.calendar.isWorkingDay(v.date))
            for id in v.intents {
                #expect(byID[id]!.window.contains(v.date))
                #expect(byID[id]!.entity == v.entity)
            }
        }
    }

    @Test func noDepartmentOrInspectorOverCapacity() {
        var slots: [String: Int] = [:]
        var inspectorDays: [String: Int] = [:]
        for v in Self.plan.inspections {
            for p in v.participants {
                slots["\(p.department)|\(v.date)", default: 0] += p.slots
                for i in p.inspectors { inspectorDays["\(i)|\(v.date)", default: 0] += 1 }
                #expect(p.slots >= 2)
            }
        }
        for (key, used) in slots {
            let department = DepartmentID(rawValue: String(key.split(separator: "|")[0]))!
            #expect(used <= Self.fixture.capacities[department]!.slotsPerDay)
        }
        #expect(inspectorDays.values.allSatisfy { $0 <= 2 })
    }

    @Test func mergedChecklistsAreCompleteAndDuplicateFree() {
        let byID = Dictionary(uniqueKeysWithValues: Self.fixture.intents.map { ($0.id, $0) })
        let catalog = Self.fixture.catalog
        for v in Self.plan.inspections {
            let wanted = Set(v.intents.flatMap { byID[$0]!.items })
            let items = v.checklist.map(\.item)
            #expect(Set(items) == wanted)
            #expect(items == items.sorted())
            #expect(Set(items).count == items.count)
            for a in v.checklist {
                let owner = catalog.item(a.item)!.owner
                #expect(v.departments.contains(a.checkedBy))
                if v.departments.contains(owner) { #expect(a.checkedBy == owner) }
            }
            #expect(v.departments.contains(v.lead))
            #expect(v.departments == v.departments.sorted())
            #expect(v.isJoint == (v.separateReason == nil))
        }
    }

    @Test func ampleCapacityMeetsTheLowerBound() {
        let m = Self.plan.metrics
        #expect(m.unscheduled == 0)
        #expect(m.splitForCapacity == 0)
        #expect(m.visitsAfter == m.lowerBound)
        #expect(m.gapToLowerBound == 0)
        #expect(m.jointVisits > 0)
        #expect(m.entityVisitsSaved == m.intents - m.visitsAfter)
        #expect(m.inspectorHours < m.naiveInspectorHours)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func hashIsIndependentOfInputOrder(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let shuffled = Self.fixture.intents.shuffled(using: &rng)
        let again = try Self.fixture.compose(shuffled)
        #expect(again.hash == Self.plan.hash)
        #expect(again == Self.plan)
        #expect(again.computedHash() == again.hash)
    }

    @Test func canonicalEncodingHashesToThePlanHash() throws {
        let bytes = Self.plan.canonicalEncoding()
        #expect(bytes.starts(with: Array("JS-PLAN".utf8) + [0, 0, 1]))
        #expect(Digest.sha256Hex(bytes) == Self.plan.hash)
    }

    @Test func separateStrategyIsTheNaiveBaseline() throws {
        let naive = try Self.fixture.compose(Self.fixture.intents, CompositionParameters(strategy: .separate))
        #expect(naive.metrics.visitsAfter == Self.fixture.intents.count)
        #expect(naive.inspections.allSatisfy { $0.participants.count == 1 && $0.separateReason == .separateStrategy })
        #expect(naive.metrics.lowerBound == Self.plan.metrics.lowerBound)
    }
}

@Suite struct CompositionCapacityTests {
    @Test func tightCapacitySplitsOrUnschedulesButServesEachIntentOnce() throws {
        let fixture = try CityPlanFixture(entities: 4_000, seed: 9, inspectorsPerDepartment: 2)
        let plan = try fixture.compose(fixture.intents)
        var served = plan.inspections.flatMap(\.intents) + plan.unscheduled.map(\.intent)
        served.sort()
        #expect(served == fixture.intents.map(\.id).sorted())
        #expect(plan.metrics.unscheduled > 0)
        #expect(plan.unscheduled.allSatisfy { $0.reason == .noCapacityInWindow })
        var perDay: [String: Int] = [:]
        for v in plan.inspections {
            for p in v.participants { perDay["\(p.department)|\(v.date)", default: 0] += p.slots }
        }
        #expect(perDay.values.allSatisfy { $0 <= 4 })
        var rng = SeededGenerator(seed: 77)
        #expect(try fixture.compose(fixture.intents.shuffled(using: &rng)).hash == plan.hash)
    }
}
