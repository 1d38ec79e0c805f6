import Testing

@testable import Supervision

@Suite struct NoPenaltyTests {
    let rules = try! BundledData.fireNoPenaltyRules()
    let calendar = Fixtures.nationalDay2026
    let entity = Fixtures.code("91310115MA1K40001")
    let day = Fixtures.date("2026-09-29")  // a Tuesday, before the National Day holiday

    func finding(_ item: ChecklistItemID, _ measure: MeasureKind?, _ value: Double, corrected: Bool = true) -> Finding {
        Finding(
            id: "f-1", entity: entity, recordedBy: .fire, date: day, item: item, result: .violation,
            measurement: measure.map { Measurement(kind: $0, value: value) }, correctedOnSpot: corrected)
    }

    func evaluate(_ f: Finding, history: [ViolationRecord] = []) -> Consequence {
        rules.evaluate(f, responsible: .fire, history: history, calendar: calendar, reinspectionSequence: 900)
    }

    /// The seven rules of DOMAIN.md: (item, measure, threshold).
    static let table: [(ChecklistItemID, MeasureKind, Double)] = [
        ("fire.detectors", "detectors-broken-per-floor", 1),
        ("fire.sprinklers", "sprinklers-broken-per-floor", 1),
        ("fire.emergency-lighting", "emergency-light-faults", 2),
        ("fire.fire-doors", "fire-doors-left-open", 3),
        ("fire.extinguishers", "extinguishers-broken-per-floor", 1),
        ("fire.evacuation-routes", "route-obstructed-percent", 20),
        ("fire.hydrants", "hydrants-blocked", 1),
    ]

    @Test func theBundledListHasTheSevenRules() {
        #expect(rules.rules.count == 7)
        for (item, measure, limit) in Self.table {
            #expect(rules.rules.contains { $0.item == item && $0.measure == measure && $0.maximum == limit })
        }
    }

    @Test(arguments: Self.table.map { $0 })
    func atAndBelowThresholdNoPenaltyAboveEnforcement(item: ChecklistItemID, measure: MeasureKind, limit: Double) {
        for value in [limit, limit - 0.5] {
            guard case .noPenalty(let d) = evaluate(finding(item, measure, value)) else {
                Issue.record("\(item) at \(value) should be exempt")
                continue
            }
            #expect(d.documents == [.writtenReminder, .commitmentLetter])
            #expect(d.reinspection.items == [item])
            #expect(d.reinspection.reason == .followUp(finding: "f-1"))
            #expect(d.reinspection.window.start > d.correctionDeadline)
        }
        guard case .enforcement(let e) = evaluate(finding(item, measure, limit + 1)) else {
            Issue.record("\(item) above the threshold should be enforced")
            return
        }
        #expect(e.reason == .aboveThreshold(measured: limit + 1, limit: limit))
        #expect(e.stage == .start)
    }

    @Test(arguments: Self.table.map { $0 })
    func repeatOffenceIsEnforced(item: ChecklistItemID, measure: MeasureKind, limit: Double) {
        let history = [ViolationRecord(entity: entity, item: item, date: Fixtures.date("2026-03-10"))]
        #expect(
            evaluate(finding(item, measure, limit), history: history)
                == .enforcement(
                    EnforcementDecision(
                        department: .fire, reason: .repeatViolation(previous: Fixtures.date("2026-03-10")),
                        rule: rules.rules.first { $0.item == item }!.id)))
    }

    @Test func historyOutsideTheLookbackOrOfOthersDoesNotCount() {
        let history = [
            ViolationRecord(entity: entity, item: "fire.detectors", date: Fixtures.date("2025-01-10")),
            ViolationRecord(
                entity: Fixtures.code("91310115MA1K40002"), item: "fire.detectors", date: Fixtures.date("2026-05-01")),
            ViolationRecord(entity: entity, item: "fire.hydrants", date: Fixtures.date("2026-05-01")),
        ]
        guard case .noPenalty = evaluate(finding("fire.detectors", "detectors-broken-per-floor", 1), history: history)
        else {
            Issue.record("should be a first violation")
            return
        }
    }

    @Test func correctionDeadlineCountsWorkingDaysAcrossTheHoliday() throws {
        guard case .noPenalty(let d) = evaluate(finding("fire.detectors", "detectors-broken-per-floor", 1)) else {
            Issue.record("expected no penalty")
            return
        }
        // 5 working days after Tue 29 Sep: 30 Sep, 8 Oct, 9 Oct, 10 Oct (make-up Saturday), 12 Oct.
        #expect(d.correctionDeadline == Fixtures.date("2026-10-12"))
        #expect(d.reinspection.window.start == Fixtures.date("2026-10-13"))
        #expect(d.reinspection.id == IntentID(department: .fire, sequence: 900))
    }

    @Test func routeMustBeCorrectedOnTheSpot() {
        guard case .noPenalty(let d) = evaluate(finding("fire.evacuation-routes", "route-obstructed-percent", 15))
        else {
            Issue.record("15% corrected on the spot is exempt")
            return
        }
        #expect(d.correctionDeadline == day)
        guard
            case .enforcement(let e) = evaluate(
                finding("fire.evacuation-routes", "route-obstructed-percent", 15, corrected: false))
        else {
            Issue.record("not corrected: enforcement")
            return
        }
        #expect(e.reason == .notCorrectedOnSpot)
    }

    @Test func missingMeasurementOrUnknownItemIsEnforced() {
        guard case .enforcement(let a) = evaluate(finding("fire.detectors", nil, 0)) else {
            Issue.record("expected enforcement"); return
        }
        #expect(a.reason == .missingMeasurement)
        guard case .enforcement(let b) = evaluate(finding("fire.venue-location", nil, 0)) else {
            Issue.record("expected enforcement"); return
        }
        #expect(b.reason == .noRuleForItem)
        var compliant = finding("fire.detectors", "detectors-broken-per-floor", 0)
        compliant.result = .compliant
        #expect(evaluate(compliant) == .none)
    }

    @Test func overlappingContradictoryRulesAreRejected() {
        let a = NoPenaltyRule(
            id: "a", department: .fire, item: "fire.detectors", measure: "detectors-broken-per-floor", maximum: 2)
        let b = NoPenaltyRule(
            id: "b", department: .fire, item: "fire.detectors", measure: "detectors-broken-per-floor", minimum: 1,
            maximum: 3, correctionWorkingDays: 2)
        #expect { try NoPenaltyRuleSet(rules: [a, b]) } throws: { error in
            guard let e = error as? SupervisionError else { return false }
            return e.code == .contradictoryRules && e.message.contains("'a' and 'b'") && e.message.contains("1.0...2.0")
        }
        var same = b
        same.correctionWorkingDays = a.correctionWorkingDays
        #expect { try NoPenaltyRuleSet(rules: [a, same]) } throws: { ($0 as? SupervisionError)?.code == .duplicate }
        var disjoint = b
        disjoint.minimum = 2.5
        #expect(throws: Never.self) { try NoPenaltyRuleSet(rules: [a, disjoint]) }
        var otherMeasure = b
        otherMeasure.measure = "detectors-missing"
        #expect(throws: Never.self) { try NoPenaltyRuleSet(rules: [a, otherMeasure]) }
        var reversed = a
        reversed.minimum = 5
        #expect { try NoPenaltyRuleSet(rules: [reversed]) } throws: {
            ($0 as? SupervisionError)?.code == .invalidParameter
        }
        #expect { try NoPenaltyRuleSet(rules: [a, a]) } throws: { ($0 as? SupervisionError)?.code == .duplicate }
    }

    @Test func enforcementLifecycleRunsInOrder() {
        var stage: EnforcementStage? = .start
        var seen: [EnforcementStage] = []
        while let s = stage {
            seen.append(s)
            stage = s.next
        }
        #expect(seen == [.start, .inspect, .evidence, .decision, .service, .execution, .archive])
    }
}
