import Foundation
import Testing

@testable import Supervision

@Suite struct ReferralTests {
    let calendar = Fixtures.nationalDay2026
    let entity = Fixtures.code("91310115MA1K40001")

    func referral(sent: String) -> Referral {
        Referral(
            finding: "f-9", entity: entity, item: "fire.evacuation-routes", category: "fire-safety", from: .education,
            to: .fire, sent: Fixtures.date(sent))
    }

    @Test func deadlinesAcrossNationalDayAndMakeUpDays() {
        // Sent Wed 30 Sep: 1-7 Oct holiday; accept by Fri 9 Oct; decide by Mon 12 Oct (Sat 10 is a
        // make-up working day); report by Mon 19 Oct.
        let d = referral(sent: "2026-09-30").deadlines(calendar: calendar)
        #expect(d.acceptBy == Fixtures.date("2026-10-09"))
        #expect(d.decideBy == Fixtures.date("2026-10-12"))
        #expect(d.reportBy == Fixtures.date("2026-10-19"))
    }

    @Test func deadlinesAcrossAWeekendMakeUpDay() {
        // Sat 19 Sep sent: Sun 20 Sep is a make-up working day.
        #expect(referral(sent: "2026-09-19").deadlines(calendar: calendar).acceptBy == Fixtures.date("2026-09-21"))
        // Fri 18 Sep sent: plain weekend.
        #expect(referral(sent: "2026-09-18").deadlines(calendar: calendar).acceptBy == Fixtures.date("2026-09-21"))
        // Thu 24 Sep: Mid-Autumn 25-27 Sep.
        #expect(referral(sent: "2026-09-24").deadlines(calendar: calendar).acceptBy == Fixtures.date("2026-09-29"))
    }

    @Test func bundledCalendarAgreesWithTheHandWrittenOne() throws {
        let bundled = Fixtures.calendar2026
        for day in Fixtures.range("2026-09-15", "2026-10-20").days {
            #expect(bundled.isWorkingDay(day) == calendar.isWorkingDay(day), "\(day)")
        }
        #expect(!bundled.isWorkingDay(Fixtures.date("2026-02-17")))
        #expect(bundled.isWorkingDay(Fixtures.date("2026-02-28")))
    }

    @Test func overdueDetection() throws {
        var r = referral(sent: "2026-09-30")
        #expect(r.overdue(asOf: Fixtures.date("2026-10-09"), calendar: calendar) == nil)
        let late = try #require(r.overdue(asOf: Fixtures.date("2026-10-13"), calendar: calendar))
        #expect(late.stage == .awaitingAcceptance)
        #expect(late.deadline == Fixtures.date("2026-10-09"))
        #expect(late.workingDaysLate == 3)  // 10 (make-up), 12, 13 Oct
        try r.accept(on: Fixtures.date("2026-10-08"))
        // Decide by 2 working days after acceptance: 9, 10 Oct.
        #expect(r.deadlines(calendar: calendar).decideBy == Fixtures.date("2026-10-10"))
        #expect(r.overdue(asOf: Fixtures.date("2026-10-11"), calendar: calendar)?.workingDaysLate == 0)
        try r.decide(on: Fixtures.date("2026-10-10"), openCase: false)
        #expect(r.overdue(asOf: Fixtures.date("2026-10-16"), calendar: calendar) == nil)
        #expect(r.overdue(asOf: Fixtures.date("2026-10-20"), calendar: calendar)?.stage == .awaitingReport)
        try r.report(on: Fixtures.date("2026-10-16"))
        #expect(r.stage == .closed)
        #expect(r.overdue(asOf: Fixtures.date("2027-01-01"), calendar: calendar) == nil)
    }

    @Test func anOpenedCaseGetsTheGeneralOrComplexFeedbackLimitInCalendarDays() throws {
        var r = referral(sent: "2026-09-01")
        try r.accept(on: Fixtures.date("2026-09-02"))
        try r.decide(on: Fixtures.date("2026-09-03"), openCase: true)
        #expect(r.stage == .awaitingFeedback)
        // 90 calendar days after the decision, whatever the holidays.
        #expect(r.deadlines(calendar: calendar).feedbackBy == Fixtures.date("2026-12-02"))
        #expect(r.overdue(asOf: Fixtures.date("2026-12-02"), calendar: calendar) == nil)
        let late = try #require(r.overdue(asOf: Fixtures.date("2026-12-04"), calendar: calendar))
        #expect(late.stage == .awaitingFeedback && late.workingDaysLate == 2)
        try r.markComplex(on: Fixtures.date("2026-10-15"))
        #expect(r.deadlines(calendar: calendar).feedbackBy == Fixtures.date("2027-01-01"))
        #expect(r.overdue(asOf: Fixtures.date("2026-12-04"), calendar: calendar) == nil)
        #expect { try r.markComplex(on: Fixtures.date("2026-10-16")) } throws: {
            ($0 as? SupervisionError)?.code == .invalidTransition
        }
        try r.report(on: Fixtures.date("2026-12-20"))
        #expect(r.stage == .closed)
    }

    @Test func feedbackLimitsAreServiceLevelsWithDefaults() throws {
        #expect(ServiceLevels.default.generalFeedbackDays == 90)
        #expect(ServiceLevels.default.complexFeedbackDays == 120)
        let partial = try JSONDecoder().decode(ServiceLevels.self, from: Data(#"{"generalFeedbackDays": 60}"#.utf8))
        #expect(
            partial.generalFeedbackDays == 60 && partial.complexFeedbackDays == 120 && partial.acceptWorkingDays == 2)
        let encoded = try JSONEncoder().encode(ServiceLevels.default)
        #expect(try JSONDecoder().decode(ServiceLevels.self, from: encoded) == .default)
        #expect { try ServiceLevels(generalFeedbackDays: 120, complexFeedbackDays: 90) } throws: {
            ($0 as? SupervisionError)?.code == .invalidParameter
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ServiceLevels.self, from: Data(#"{"acceptWorkingDays": 0}"#.utf8))
        }
    }

    @Test func overdueListIsSortedAndSkipsClosed() throws {
        var done = referral(sent: "2026-09-01")
        try done.reject(on: Fixtures.date("2026-09-02"), reason: "not fire safety")
        let list = Referral.overdue(
            [referral(sent: "2026-09-10"), done, referral(sent: "2026-09-01")], asOf: Fixtures.date("2026-09-30"),
            calendar: calendar)
        #expect(list.map(\.deadline) == [Fixtures.date("2026-09-03"), Fixtures.date("2026-09-14")])
    }

    @Test func invalidTransitionsAreRejected() throws {
        var r = referral(sent: "2026-09-30")
        #expect { try r.decide(on: Fixtures.date("2026-10-08"), openCase: false) } throws: {
            ($0 as? SupervisionError)?.code == .invalidTransition
        }
        #expect { try r.accept(on: Fixtures.date("2026-09-29")) } throws: {
            ($0 as? SupervisionError)?.code == .invalidTransition
        }
        #expect { try ServiceLevels(acceptWorkingDays: 0) } throws: {
            ($0 as? SupervisionError)?.code == .invalidParameter
        }
    }

    @Test func customServiceLevels() throws {
        let levels = try ServiceLevels(acceptWorkingDays: 1, decideWorkingDays: 3, reportWorkingDays: 10)
        let d = referral(sent: "2026-09-30").deadlines(levels: levels, calendar: calendar)
        #expect(d.acceptBy == Fixtures.date("2026-10-08"))
        #expect(d.decideBy == Fixtures.date("2026-10-12"))
    }

    @Test func routingIsDataWithIndustryOverrides() throws {
        let routing = try BundledData.referralRouting()
        #expect(routing.responsible(for: "fire-safety", industry: "training") == .fire)
        #expect(routing.responsible(for: "prepaid-cards", industry: "beauty-salon") == .market)
        #expect(routing.responsible(for: "prepaid-cards", industry: "fitness") == .culture)
        #expect(routing.responsible(for: "no-such-category", industry: nil) == nil)
        #expect {
            try ReferralRouting(routes: [
                ReferralRoute(category: "fire-safety", department: .fire),
                ReferralRoute(category: "fire-safety", department: .market),
            ])
        } throws: { ($0 as? SupervisionError)?.code == .contradictoryRules }
    }

    @Test func engineRefersAFireFindingByEducation() throws {
        let engine = ConsequenceEngine(
            catalog: Fixtures.catalog, rules: try BundledData.fireNoPenaltyRules(),
            routing: try BundledData.referralRouting())
        let finding = Finding(
            id: "edu-1", entity: entity, recordedBy: .education, date: Fixtures.date("2026-09-30"),
            item: "fire.evacuation-routes", result: .violation,
            measurement: Measurement(kind: "route-obstructed-percent", value: 35),
            evidence: [try EvidenceHash(String(repeating: "ab", count: 32))])
        let evaluation = try engine.evaluate(
            finding, industry: "training", history: [], calendar: calendar, reinspectionSequence: 1)
        #expect(evaluation.responsible == .fire)
        #expect(evaluation.referral?.to == .fire)
        #expect(evaluation.referral?.from == .education)
        #expect(evaluation.consequence.outcome == .enforced)
        var own = finding
        own.recordedBy = .fire
        #expect(
            try engine.evaluate(own, industry: "training", history: [], calendar: calendar, reinspectionSequence: 1)
                .referral == nil)
        #expect { try EvidenceHash("xyz") } throws: { ($0 as? SupervisionError)?.code == .invalidParameter }
    }
}
