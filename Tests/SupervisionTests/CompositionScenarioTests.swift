import Testing

@testable import Supervision

@Suite struct CompositionScenarioTests {
    let escapeRoom = Fixtures.code("91310115MA1K40001")
    let careHome = Fixtures.code("91310104MA1K40002")
    let school = Fixtures.code("91310105MA1K40003")
    let catalog = Fixtures.catalog
    let calendar = Fixtures.nationalDay2026

    var register: Register {
        try! Register(entities: [
            SupervisedEntity(
                code: escapeRoom, name: "密室", industry: "escape-room", district: "pudong", address: "a",
                riskClasses: [.culture: .c, .fire: .c, .market: .b]),
            SupervisedEntity(
                code: careHome, name: "养老院", industry: "elderly-care", district: "xuhui", address: "b",
                riskClasses: [.market: .b, .civil: .c, .fire: .b]),
            SupervisedEntity(
                code: school, name: "培训", industry: "training", district: "changning", address: "c",
                riskClasses: [.education: .d, .fire: .b, .market: .a]),
        ])
    }

    var capacities: [DepartmentID: DepartmentCapacity] {
        var c: [DepartmentID: DepartmentCapacity] = [:]
        for d in [DepartmentID.market, .fire, .culture, .education, .civil] {
            c[d] = try! DepartmentCapacity(inspectors: 4)
        }
        return c
    }

    func intent(_ d: DepartmentID, _ seq: UInt64, _ e: CreditCode, _ a: String, _ b: String, industry: IndustryID)
        -> Intent
    {
        Intent(
            id: IntentID(department: d, sequence: seq), entity: e, window: Fixtures.range(a, b),
            items: catalog.checklist(for: d, industry: industry), reason: .randomDraw)
    }

    func compose(_ intents: [Intent]) throws -> JointPlan {
        try JointPlanner.compose(
            intents: intents, register: register, catalog: catalog, calendar: calendar, capacities: capacities)
    }

    @Test func overlappingIntentsBecomeOneJointVisitLedByTheScenarioLead() throws {
        let plan = try compose([
            intent(.market, 1, escapeRoom, "2026-09-01", "2026-09-30", industry: "escape-room"),
            intent(.fire, 1, escapeRoom, "2026-09-15", "2026-10-31", industry: "escape-room"),
            intent(.culture, 1, escapeRoom, "2026-09-20", "2026-12-31", industry: "escape-room"),
        ])
        #expect(plan.inspections.count == 1)
        let v = plan.inspections[0]
        #expect(v.lead == .culture)
        #expect(v.scenario == "escape-rooms")
        #expect(v.departments == [.culture, .fire, .market])
        // Earliest working day of the common window 2026-09-20…09-30: the Sunday make-up working day.
        #expect(v.date == Fixtures.date("2026-09-20"))
        let scope = v.checklist.first { $0.item == "market.business-scope-script-games" }!
        #expect(scope.checkedBy == .market)
        #expect(v.code == "\(escapeRoom)-20260920-1")
        #expect(plan.metrics.entityVisitsSaved == 2)
    }

    @Test func sharedItemIsCheckedOnceByItsOwner() throws {
        let plan = try compose([
            intent(.education, 1, school, "2026-03-01", "2026-03-31", industry: "training"),
            intent(.fire, 7, school, "2026-03-10", "2026-04-30", industry: "training"),
        ])
        let v = try #require(plan.inspections.first)
        #expect(v.lead == .education)
        let routes = v.checklist.filter { $0.item == "fire.evacuation-routes" }
        #expect(routes.count == 1)
        #expect(routes[0].checkedBy == .fire)
        #expect(plan.metrics.duplicateChecksRemoved >= 1)
    }

    @Test func ownerAbsentMeansTheListingDepartmentChecks() throws {
        let plan = try compose([intent(.education, 1, school, "2026-03-01", "2026-03-31", industry: "training")])
        let v = try #require(plan.inspections.first)
        #expect(v.checklist.first { $0.item == "fire.evacuation-routes" }?.checkedBy == .education)
        #expect(v.separateReason == .noOtherDepartment)
    }

    @Test func elderlyCareIsLedByMarket() throws {
        let plan = try compose([
            intent(.civil, 1, careHome, "2026-05-06", "2026-05-29", industry: "elderly-care"),
            intent(.fire, 1, careHome, "2026-05-06", "2026-05-29", industry: "elderly-care"),
            intent(.market, 1, careHome, "2026-05-06", "2026-05-29", industry: "elderly-care"),
        ])
        #expect(plan.inspections.map(\.lead) == [.market])
    }

    @Test func disjointWindowsStaySeparateWithTheReason() throws {
        let plan = try compose([
            intent(.market, 1, escapeRoom, "2026-03-02", "2026-03-31", industry: "escape-room"),
            intent(.fire, 1, escapeRoom, "2026-06-01", "2026-06-30", industry: "escape-room"),
        ])
        #expect(plan.inspections.count == 2)
        #expect(plan.inspections.allSatisfy { $0.separateReason == .windowsDoNotOverlap })
        #expect(plan.metrics.lowerBound == 2)
    }

    @Test func holidayOnlyWindowIsUnscheduled() throws {
        let plan = try compose([intent(.fire, 3, escapeRoom, "2026-10-01", "2026-10-07", industry: "escape-room")])
        #expect(plan.inspections.isEmpty)
        #expect(
            plan.unscheduled == [
                UnscheduledIntent(
                    intent: IntentID(department: .fire, sequence: 3), entity: escapeRoom, reason: .noWorkingDayInWindow)
            ])
    }

    @Test func windowsSharingOnlyAHolidayDoNotMerge() throws {
        // Overlap 2026-10-01…10-07 is all holiday; the make-up day 10-10 belongs to the second only.
        let plan = try compose([
            intent(.market, 1, escapeRoom, "2026-09-28", "2026-10-07", industry: "escape-room"),
            intent(.fire, 1, escapeRoom, "2026-10-01", "2026-10-12", industry: "escape-room"),
        ])
        #expect(plan.inspections.map(\.date) == [Fixtures.date("2026-09-28"), Fixtures.date("2026-10-08")])
    }

    @Test func capacityFullDayMovesTheVisit() throws {
        var caps = capacities
        caps[.fire] = try DepartmentCapacity(inspectors: 2, inspectionsPerInspectorPerDay: 1)  // one visit a day
        let plan = try JointPlanner.compose(
            intents: [
                intent(.fire, 1, escapeRoom, "2026-03-02", "2026-03-06", industry: "escape-room"),
                intent(.fire, 2, careHome, "2026-03-02", "2026-03-06", industry: "elderly-care"),
            ], register: register, catalog: catalog, calendar: calendar, capacities: caps)
        #expect(plan.inspections.map(\.date) == [Fixtures.date("2026-03-02"), Fixtures.date("2026-03-03")])
    }

    @Test func jointVisitWithoutCommonCapacityIsSplit() throws {
        var caps = capacities
        caps[.fire] = try DepartmentCapacity(inspectors: 2, inspectionsPerInspectorPerDay: 1)
        let plan = try JointPlanner.compose(
            intents: [
                intent(.fire, 1, careHome, "2026-03-02", "2026-03-02", industry: "elderly-care"),
                intent(.fire, 2, escapeRoom, "2026-03-02", "2026-03-03", industry: "escape-room"),
                intent(.market, 2, escapeRoom, "2026-03-03", "2026-03-03", industry: "escape-room"),
                intent(.fire, 3, school, "2026-03-03", "2026-03-03", industry: "training"),
            ], register: register, catalog: catalog, calendar: calendar, capacities: caps)
        // Codes sort care home < school < escape room. EDF: care home takes fire on 03-02, the school
        // takes fire on 03-03, so the escape room's joint visit (fire + market, only 03-03) has no
        // day: it is split, market goes alone, and fire has no room left in 03-02…03-03.
        #expect(plan.metrics.splitForCapacity == 1)
        #expect(plan.unscheduled.map(\.intent) == [IntentID(department: .fire, sequence: 2)])
        let alone = try #require(plan.inspections.first { $0.entity == escapeRoom })
        #expect(alone.departments == [.market])
        #expect(alone.separateReason == .capacity)
        #expect(plan.inspections.flatMap(\.intents).count + plan.unscheduled.count == 4)
    }

    @Test func invalidInputGivesClearErrors() throws {
        let good = intent(.market, 1, escapeRoom, "2026-03-02", "2026-03-31", industry: "escape-room")
        var unknownDepartment = good
        unknownDepartment.id = IntentID(department: .police, sequence: 1)
        #expect { try compose([unknownDepartment]) } throws: { ($0 as? SupervisionError)?.code == .unknownDepartment }
        var unknownEntity = good
        unknownEntity.entity = Fixtures.code("91310115MA1K49999")
        #expect { try compose([unknownEntity]) } throws: { ($0 as? SupervisionError)?.code == .unknownEntity }
        #expect { try compose([good, good]) } throws: { ($0 as? SupervisionError)?.code == .duplicate }
        var unknownItem = good
        unknownItem.items = ["market.no-such-item"]
        #expect { try compose([unknownItem]) } throws: { ($0 as? SupervisionError)?.code == .unknownItem }
        #expect { try DepartmentCapacity(inspectors: 0) } throws: { ($0 as? SupervisionError)?.code == .emptyRoster }
        #expect { try DateRange(start: Fixtures.date("2026-03-02"), end: Fixtures.date("2026-03-01")) } throws: {
            ($0 as? SupervisionError)?.code == .invalidWindow
        }
    }

    @Test func emptyInputGivesAnEmptyPlan() throws {
        let plan = try compose([])
        #expect(plan.inspections.isEmpty && plan.unscheduled.isEmpty)
        #expect(plan.metrics.gapToLowerBound == 0)
    }
}
