import Testing

@testable import Supervision

/// Seeded random worlds: small registers, random windows (across the 2026 National Day holiday),
/// random capacities. Each seed is one case, so a failure names its seed.
@Suite struct CompositionPropertyTests {
    struct World {
        var register: Register
        var intents: [Intent]
        var capacities: [DepartmentID: DepartmentCapacity]
    }

    static func world(seed: UInt64, ample: Bool) throws -> World {
        var rng = SeededGenerator(seed: seed)
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: 100, seed: seed))
        let catalog = Fixtures.catalog
        let base = Fixtures.date("2026-09-14")
        var intents: [Intent] = []
        let departments = CityProfile.coreDepartments
        for n in 0..<60 {
            let department = departments[Int(rng.next() % 4)]
            let p = Int(rng.next() % 12)  // a few entities get many intents
            let start = base.adding(days: Int(rng.next() % 40))
            let end = start.adding(days: Int(rng.next() % 15))
            let named: [InspectorID] =
                rng.next() % 2 == 0 ? [] : [InspectorID(validated: "\(department)-0000\(1 + rng.next() % 4)")]
            intents.append(
                Intent(
                    id: IntentID(department: department, sequence: UInt64(n)), entity: city.register.codes[p],
                    window: try DateRange(start: start, end: end),
                    items: catalog.checklist(for: department, industry: city.register.industry(at: p)),
                    reason: .randomDraw, inspectors: named))
        }
        var capacities: [DepartmentID: DepartmentCapacity] = [:]
        for d in departments {
            capacities[d] = try DepartmentCapacity(
                inspectors: ample ? 100 : 2 + Int(rng.next() % 2), inspectionsPerInspectorPerDay: ample ? 10 : 1)
        }
        return World(register: city.register, intents: intents, capacities: capacities)
    }

    static func compose(_ w: World, _ intents: [Intent]) throws -> JointPlan {
        try JointPlanner.compose(
            intents: intents, register: w.register, catalog: Fixtures.catalog, calendar: Fixtures.calendar2026,
            capacities: w.capacities)
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func invariantsHold(seed: UInt64) throws {
        for ample in [true, false] {
            let w = try Self.world(seed: seed, ample: ample)
            let plan = try Self.compose(w, w.intents)
            let byID = Dictionary(uniqueKeysWithValues: w.intents.map { ($0.id, $0) })
            let served = (plan.inspections.flatMap(\.intents) + plan.unscheduled.map(\.intent)).sorted()
            #expect(served == w.intents.map(\.id).sorted())
            var load: [String: Int] = [:]
            for v in plan.inspections {
                #expect(Fixtures.calendar2026.isWorkingDay(v.date))
                for id in v.intents { #expect(byID[id]!.window.contains(v.date) && byID[id]!.entity == v.entity) }
                for p in v.participants { load["\(p.department) \(v.date)", default: 0] += p.slots }
                #expect(Set(v.checklist.map(\.item)).count == v.checklist.count)
            }
            for (key, used) in load {
                let d = DepartmentID(rawValue: String(key.split(separator: " ")[0]))!
                #expect(used <= w.capacities[d]!.slotsPerDay)
            }
            #expect(plan.metrics.visitsAfter >= plan.metrics.lowerBound)
            if ample {
                #expect(plan.metrics.visitsAfter == plan.metrics.lowerBound)
                #expect(plan.unscheduled.allSatisfy { $0.reason == .noWorkingDayInWindow })
            }
            var rng = SeededGenerator(seed: seed &* 31)
            #expect(try Self.compose(w, w.intents.shuffled(using: &rng)).hash == plan.hash)
        }
    }
}
