import Foundation
import Testing

@testable import Supervision

@Suite struct CatalogTests {
    private func bundledDocument() throws -> CatalogDocument { try BundledData.catalogDocument() }

    @Test func bundledCatalogValidatesAndRoundTrips() throws {
        let catalog = try BundledData.catalog()
        #expect(catalog.version == BundledData.catalogVersion)
        #expect(catalog.scenarios.scenarios.count == 6)
        #expect(!catalog.noPenalty.rules.isEmpty)
        let again = try Catalog.decode(catalog.encoded())
        #expect(again == catalog)
        #expect(again.encoded() == catalog.encoded())
    }

    @Test func calendarsJoinAcrossTheYear() throws {
        let calendar = try BundledData.catalog().calendar
        #expect(calendar.coverage == Fixtures.range("2026-01-01", "2027-12-31"))
        // Sent on Wednesday 2026-12-30: Thursday 31st, then New Year and a weekend.
        #expect(
            try calendar.checkedAdding(workingDays: 2, to: Fixtures.date("2026-12-30")) == Fixtures.date("2027-01-04"))
        #expect(!calendar.isWorkingDay(Fixtures.date("2027-02-08")))
    }

    @Test func aDateOutsideEveryCalendarIsRefused() throws {
        let calendar = try BundledData.catalog().calendar
        #expect(throws: SupervisionError.self) {
            try calendar.checkedAdding(workingDays: 2, to: Fixtures.date("2027-12-30"))
        }
        do {
            try calendar.check(Fixtures.date("2028-03-01"))
            Issue.record("a 2028 date was accepted")
        } catch let error as SupervisionError {
            #expect(error.code == .outsideCalendar)
            #expect(error.message.contains("2028-03-01"))
        }
        #expect(throws: SupervisionError.self) {
            try calendar.checkedWorkingDays(from: Fixtures.date("2025-12-30"), to: Fixtures.date("2026-01-05"))
        }
    }

    @Test func calendarsWithAGapOrOverlapAreRefused() throws {
        var document = try bundledDocument()
        let first = document.calendars[0]
        document.calendars = [first, first]
        #expect(throws: SupervisionError.self) { try Catalog(document) }
        document.calendars = [
            first,
            CatalogCalendar(
                id: "late", calendar: try WorkingCalendar(coverage: Fixtures.range("2027-02-01", "2027-12-31"))),
        ]
        #expect(throws: SupervisionError.self) { try Catalog(document) }
        document.calendars = [CatalogCalendar(id: "open", calendar: .weekdaysOnly)]
        #expect(throws: SupervisionError.self) { try Catalog(document) }
    }

    @Test func rulesAboutUnknownItemsOrOtherMeasuresAreRefused() throws {
        var document = try bundledDocument()
        var rule = document.noPenaltyRules[0]
        rule.item = "health.nothing-like-this"
        document.noPenaltyRules.append(rule)
        #expect(throws: SupervisionError.self) { try Catalog(document) }
        document = try bundledDocument()
        document.noPenaltyRules[0].measure = "unrelated-measure"
        #expect(throws: SupervisionError.self) { try Catalog(document) }
    }

    @Test func wrongFormatIsRefused() throws {
        var document = try bundledDocument()
        document.format = "joint-supervision/membership"
        #expect(throws: SupervisionError.self) { try Catalog(document) }
        #expect(throws: SupervisionError.self) { try Catalog.decode(Array("{}".utf8)) }
    }
}

@Suite struct DrawRateProrationTests {
    @Test func yearlyRatesAreProratedToTheperiod() throws {
        let rates = DrawRates.default  // D 100 %, C 100 %, B 5 %, A 2 % a year
        let q3 = rates.prorated(to: Fixtures.range("2026-07-01", "2026-09-30"))
        #expect(q3.d == 2_521 && q3.c == 2_521)  // ceil(10000 × 92 / 365)
        #expect(q3.b == 127 && q3.a == 51)
        let july = rates.prorated(to: Fixtures.range("2026-07-01", "2026-07-31"))
        #expect(july.d == 850)
        #expect(rates.prorated(to: Fixtures.range("2026-01-01", "2026-12-31")) == rates)
        #expect(rates.prorated(to: Fixtures.range("2026-01-01", "2027-06-30")) == rates)
        // 2028 is a leap year: a quarter of 91 days out of 366.
        #expect(rates.prorated(to: Fixtures.range("2028-01-01", "2028-03-31")).d == 2_487)
    }
}

@Suite struct MinimumCoverageTests {
    @Test func drawsTopUpEachScenarioToItsMinimumCoverage() throws {
        let city = try RegisterGenerator.generate(
            GeneratorConfiguration(entities: 40_000, seed: 7, departments: [.fire, .market, .culture]))
        let catalog = try BundledData.catalog().scenarios
        let year = Fixtures.range("2026-01-01", "2026-12-31")
        let rules = CoverageRule.rules(catalog, department: .market, period: year)
        let entertainment = try #require(rules.first { $0.scenario == "entertainment-venues" })
        #expect(entertainment.basisPoints == 5_000)
        let venues = Set(
            city.register.codes.enumerated().filter { p, _ in
                entertainment.industries.contains(city.register.industries[Int(city.register.industryColumn[p])])
                    && city.register.entity(city.register.codes[p])?.riskClasses[.market] != nil
            }.map(\.element))
        #expect(venues.count > 20)
        func draw(_ coverage: [CoverageRule], period: DateRange = year) throws -> DrawResult {
            try RandomDraw.draw(
                DrawRequest(
                    department: .market, period: period, seed: DrawSeed(text: "coverage"), coverage: coverage),
                register: city.register, roster: city.inspectors)
        }
        let plain = try draw([])
        let covered = try draw(rules)
        let plainHits = plain.targets.filter { venues.contains($0.entity) }.count
        let coveredHits = covered.targets.filter { venues.contains($0.entity) }.count
        #expect(plainHits < (venues.count + 1) / 2, "the class rates alone miss the 50 % a year")
        #expect(coveredHits == (venues.count + 1) / 2, "topped up to ceil(50 % of venues), no more")
        #expect(Set(covered.targets.map(\.entity)).count == covered.targets.count, "no entity drawn twice")
        #expect(covered.targets.prefix(plain.targets.count).elementsEqual(plain.targets), "class draws unchanged")
        #expect(try draw(rules).digest == covered.digest, "reproducible from the seed")
        // A quarter needs about a quarter of that share.
        let q3 = Fixtures.range("2026-07-01", "2026-09-30")
        let quarterly = CoverageRule.rules(catalog, department: .market, period: q3)
        #expect(quarterly.first { $0.scenario == "entertainment-venues" }?.basisPoints == 1_261)
    }
}
