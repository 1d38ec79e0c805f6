import Testing

@testable import Supervision

@Suite struct DisclosureTests {
    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.render(header: ["a", "b"], rows: [["1", "x,y"]]) == "a,b\r\n1,\"x,y\"\r\n")
    }

    @Test func projectionHasNoPersonalData() throws {
        let individual = Fixtures.code("92310115MA1K40001")
        let company = Fixtures.code("91310115MA1K40002")
        let register = try Register(entities: [
            SupervisedEntity(
                code: individual, name: "张三小吃店", industry: "restaurant", district: "pudong", address: "上海市浦东新区, 1号",
                riskClasses: [.fire: .b]),
            SupervisedEntity(
                code: company, name: "恒瑞\"密室\"有限公司", industry: "escape-room", district: "pudong", address: "上海市浦东新区2号",
                riskClasses: [.fire: .c]),
        ])
        let catalog = Fixtures.catalog
        let plan = try JointPlanner.compose(
            intents: [
                Intent(
                    id: IntentID(department: .fire, sequence: 1), entity: individual,
                    window: Fixtures.range("2026-03-02", "2026-03-06"), items: ["fire.detectors"],
                    reason: .complaint(reference: "12345-2026-0001"), inspectors: ["fire-00017", "fire-00042"]),
                Intent(
                    id: IntentID(department: .fire, sequence: 2), entity: company,
                    window: Fixtures.range("2026-03-02", "2026-03-06"), items: ["fire.detectors"], reason: .randomDraw,
                    inspectors: ["fire-00017", "fire-00099"]),
            ], register: register, catalog: catalog, calendar: .weekdaysOnly,
            capacities: [.fire: try DepartmentCapacity(inspectors: 10)])
        let v = plan.inspections.first { $0.entity == individual }!
        let finding = Finding(
            id: "f1", inspectionCode: v.code, entity: individual, recordedBy: .fire, date: v.date,
            item: "fire.detectors",
            result: .violation, measurement: Measurement(kind: "detectors-broken-per-floor", value: 1),
            note: "店主张三, 电话 13800000000")
        let tables = Disclosure.project(
            inspections: plan.inspections, findings: [finding],
            outcomes: [
                RecordedOutcome(
                    finding: "f1", decidedBy: .fire,
                    decision: .noPenalty(correctionDeadline: Fixtures.date("2026-03-13")))
            ], register: register, catalog: catalog)
        let all = tables.businessesCSV + tables.inspectionsCSV + tables.violationsCSV
        for secret in ["fire-00017", "fire-00042", "张三", "13800000000", "12345-2026-0001"] {
            #expect(!all.contains(secret), "\(secret) leaked")
        }
        #expect(tables.businesses.count == 1, "the company's visit has no results yet: not published")
        #expect(tables.businesses.first { $0.businessID == individual.description }?.name == "个体工商户")
        #expect(tables.inspections.first { $0.inspectionCode == v.code }?.outcome == "corrected-without-penalty")
        #expect(!tables.inspections.contains { $0.businessID == company.description })
        #expect(tables.withheld.visitsWithoutResults == 1)
        #expect(tables.violations.map(\.code) == ["fire.detectors"])
        #expect(tables.violations[0].correctionStatus == "due 2026-03-13")
        #expect(tables.violations[0].outcomeZh == "免罚" && !tables.violations[0].descriptionZh.isEmpty)
    }

    @Test func onlyRecordedOutcomesArePublished() throws {
        let code = Fixtures.code("91310115MA1K40002")
        let register = try Register(entities: [
            SupervisedEntity(
                code: code, name: "恒瑞密室有限公司", industry: "escape-room", district: "pudong", address: "上海市浦东新区2号",
                riskClasses: [.fire: .c])
        ])
        let plan = try JointPlanner.compose(
            intents: [
                Intent(
                    id: IntentID(department: .fire, sequence: 1), entity: code,
                    window: Fixtures.range("2026-03-02", "2026-03-06"), items: ["fire.evacuation-routes"],
                    reason: .randomDraw)
            ], register: register, catalog: Fixtures.catalog, calendar: .weekdaysOnly,
            capacities: [.fire: try DepartmentCapacity(inspectors: 10)])
        let visit = plan.inspections[0]
        func finding(_ id: FindingID, _ item: ChecklistItemID) -> Finding {
            Finding(
                id: id, inspectionCode: visit.code, entity: code, recordedBy: .fire, date: visit.date, item: item,
                result: .violation)
        }
        let obstruction = finding("fire-3", "fire.evacuation-routes")
        let lighting = finding("fire-4", "fire.emergency-lighting")
        // An obstruction corrected on the spot, recorded as no penalty: published as recorded,
        // even though re-evaluating the finding here would say enforcement.
        let corrected = RecordedOutcome(
            finding: "fire-3", decidedBy: .fire, decision: .noPenalty(correctionDeadline: nil))
        let undecided = Disclosure.project(
            inspections: plan.inspections, findings: [obstruction, lighting], outcomes: [corrected],
            register: register, catalog: Fixtures.catalog)
        #expect(undecided.inspections.isEmpty, "a visit with an undecided violation waits")
        #expect(undecided.withheld.visitsAwaitingDecision == 1 && undecided.withheld.violationsAwaitingDecision == 1)
        #expect(undecided.violations.map(\.correctionStatus) == ["corrected-on-spot"])
        #expect(undecided.violations[0].outcome == "no-penalty")

        let decided = Disclosure.project(
            inspections: plan.inspections, findings: [lighting, obstruction],
            outcomes: [RecordedOutcome(finding: "fire-4", decidedBy: .fire, decision: .enforcement), corrected],
            register: register, catalog: Fixtures.catalog)
        #expect(decided.inspections.map(\.violations) == [2])
        #expect(decided.inspections[0].outcome == "enforcement" && decided.inspections[0].outcomeZh == "立案查处")
        // Input order does not matter: the same rows.
        let reordered = Disclosure.project(
            inspections: plan.inspections, findings: [obstruction, lighting],
            outcomes: [corrected, RecordedOutcome(finding: "fire-4", decidedBy: .fire, decision: .enforcement)],
            register: register, catalog: Fixtures.catalog)
        #expect(reordered == decided)
    }
}

@Suite struct RiskPolicyTests {
    @Test func outcomesMoveClasses() throws {
        let register = try Register(entities: Fixtures.goldenEntities)
        let codes = register.codes
        let day = Fixtures.date("2026-04-01")
        let outcomes = [
            InspectionOutcome(entity: codes[11], department: .fire, date: day, result: .enforced),  // A → B
            InspectionOutcome(entity: codes[0], department: .fire, date: day, result: .compliant),  // D → C
            // stays B
            InspectionOutcome(entity: codes[4], department: .fire, date: day, result: .correctedWithoutPenalty),
            InspectionOutcome(entity: codes[5], department: .fire, date: day, result: .serious),  // B → D
        ]
        let changes = try RiskPolicy.default.changes(for: outcomes, in: register)
        #expect(
            Set(changes.map { "\($0.entity):\($0.from.rawValue)>\($0.to.rawValue)" }) == [
                "\(codes[11]):A>B", "\(codes[0]):D>C", "\(codes[5]):B>D",
            ])
        let updated = try register.applying(changes)
        #expect(updated.riskClass(at: 11, for: .fire) == .b)
        #expect(updated.riskClass(at: 5, for: .fire) == .d)
        #expect {
            try RiskPolicy.default.changes(
                for: [InspectionOutcome(entity: codes[0], department: .market, date: day, result: .enforced)],
                in: register)
        } throws: {
            ($0 as? SupervisionError)?.code == .unknownEntity
        }
    }
}
