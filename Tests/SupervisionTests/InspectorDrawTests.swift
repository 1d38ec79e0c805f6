import Testing

@testable import Supervision

@Suite struct InspectorDrawTests {
    let period = Fixtures.range("2026-07-01", "2026-09-30")
    let seed = DrawSeed(text: "lottery-2026-q3")
    let register = try! Register(entities: Fixtures.goldenEntities)

    func roster(_ inspectors: [Inspector]) throws -> RosterSnapshot {
        try RosterSnapshot(department: .fire, roster: inspectors)
    }

    func plain(_ n: Int) -> [Inspector] {
        (1...n).map { Inspector(id: try! InspectorID("fire-\($0 < 10 ? "0" : "")\($0)"), department: .fire) }
    }

    @Test func atLeastTwoDistinctInspectorsOrTheSlotCount() throws {
        let snapshot = try roster(plain(6))
        let visits = register.codes.prefix(3).enumerated().map {
            VisitDemand(inspection: "v\($0.offset)", entity: $0.element, slots: [0, 1, 4][$0.offset])
        }
        let staffed = InspectorDraw.staff(visits, seed: seed, period: period, roster: snapshot)
        #expect(staffed.map(\.inspectors.count) == [2, 2, 4])
        #expect(staffed.allSatisfy { Set($0.inspectors).count == $0.inspectors.count && $0.unstaffedReason == nil })
    }

    @Test func declaredConflictsAndTheLastInspectorsAreRecused() throws {
        let entity = register.codes[0]
        var inspectors = plain(5)
        inspectors[0].conflicts = [entity]
        inspectors[1].conflicts = [entity]
        inspectors[2].lastInspected = [entity]
        let snapshot = try roster(inspectors)
        for s in 0..<50 {
            let staffed = InspectorDraw.staff(
                [VisitDemand(inspection: "v", entity: entity, slots: 2)], seed: DrawSeed(text: "seed-\(s)"),
                period: period, roster: snapshot)
            #expect(Set(staffed[0].inspectors) == ["fire-04", "fire-05"])
        }
        // Another entity may get any of them.
        let other = InspectorDraw.staff(
            (0..<40).map { VisitDemand(inspection: "v\($0)", entity: register.codes[1], slots: 2) },
            seed: seed, period: period, roster: snapshot)
        #expect(Set(other.flatMap(\.inspectors)).count >= 2)
    }

    @Test func rotationFromEarlierAssignments() throws {
        let entity = register.codes[3]
        let first = InspectorDraw.staff(
            [VisitDemand(inspection: "v", entity: entity, slots: 2)], seed: seed, period: period,
            roster: try roster(plain(4)))[0]
        let rotated = try roster(plain(4)).rotating([entity: Set(first.inspectors)])
        let second = InspectorDraw.staff(
            [VisitDemand(inspection: "v", entity: entity, slots: 2)], seed: seed, period: period, roster: rotated)[0]
        #expect(Set(second.inspectors).isDisjoint(with: first.inspectors))
        #expect(second.inspectors.count == 2)
    }

    @Test func tooFewInspectorsGivesAReasonNeverOne() throws {
        let entity = register.codes[0]
        var inspectors = plain(3)
        inspectors[0].conflicts = [entity]
        inspectors[1].lastInspected = [entity]
        let staffed = InspectorDraw.staff(
            [VisitDemand(inspection: "v", entity: entity, slots: 2)], seed: seed, period: period,
            roster: try roster(inspectors))[0]
        #expect(staffed.inspectors.isEmpty)
        let reason = try #require(staffed.unstaffedReason)
        #expect(reason.contains("1 eligible inspector for \(entity)"))
        #expect(reason.contains("needs 2"))
        #expect(reason.contains("1 recused for a declared conflict, 1 for having inspected it last time"))
    }

    @Test func deterministicWhateverTheRosterOrder() throws {
        let visits = register.codes.map { VisitDemand(inspection: "v-\($0)", entity: $0, slots: 3) }
        let a = InspectorDraw.staff(visits, seed: seed, period: period, roster: try roster(plain(7)))
        let b = InspectorDraw.staff(visits, seed: seed, period: period, roster: try roster(plain(7).reversed()))
        #expect(a == b)
        let c = InspectorDraw.staff(visits, seed: DrawSeed(text: "other"), period: period, roster: try roster(plain(7)))
        #expect(a != c)
    }

    /// Two slots at a drawn target give the inspectors the draw record committed to; more extend them.
    @Test func agreesWithTheInspectorsOfTheTargetDraw() throws {
        var inspectors = plain(5)
        inspectors[1].conflicts = [register.codes[0]]
        inspectors[3].lastInspected = [register.codes[4]]
        let request = DrawRequest(
            department: .fire, period: period, seed: seed, rates: try DrawRates(uniform: 10_000))
        let result = try RandomDraw.draw(request, register: register, roster: inspectors)
        let snapshot = try roster(inspectors)
        let two = InspectorDraw.staff(
            result.targets.map { VisitDemand(inspection: "v", entity: $0.entity, slots: 2) }, seed: seed,
            period: period, roster: snapshot)
        #expect(two.map(\.inspectors) == result.targets.map(\.inspectors))
        let three = InspectorDraw.staff(
            result.targets.map { VisitDemand(inspection: "v", entity: $0.entity, slots: 3) }, seed: seed,
            period: period, roster: snapshot)
        #expect(zip(three, two).allSatisfy { Array($0.inspectors.prefix(2)) == $1.inspectors })
    }
}
