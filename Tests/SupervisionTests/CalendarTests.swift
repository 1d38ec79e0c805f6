import Testing

@testable import Supervision

@Suite struct CalendarTests {
    @Test func dayNumbersRoundTripOverFourCenturies() {
        var d = CivilDate(dayNumber: -150_000)
        for _ in 0..<146_097 {
            let c = d.components
            #expect((try? CivilDate(year: c.year, month: c.month, day: c.day)) == d)
            d = d.adding(days: 1)
        }
    }

    @Test func knownDatesAndWeekdays() throws {
        #expect(try CivilDate("1970-01-01").dayNumber == 0)
        #expect(try CivilDate("1970-01-01").weekday == .thursday)
        #expect(try CivilDate("2026-10-01").weekday == .thursday)
        #expect(try CivilDate("2026-09-20").weekday == .sunday)
        #expect(try CivilDate("2024-02-29").adding(days: 365).description == "2025-02-28")
        #expect(try CivilDate("2026-12-31").compact == 20_261_231)
        #expect(try CivilDate("1969-12-31").weekday == .wednesday)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "20261001", "2026-00-10", "0000-01-01"])
    func invalidDatesAreRejected(text: String) {
        #expect { try CivilDate(text) } throws: { ($0 as? SupervisionError)?.code == .invalidDate }
    }

    @Test func rangesAndCodable() throws {
        let r = try DateRange("2026-09-28/2026-10-12")
        #expect(r.dayCount == 15)
        #expect(r.overlaps(try DateRange("2026-10-12/2026-10-20")))
        #expect(!r.overlaps(try DateRange("2026-10-13/2026-10-20")))
        #expect(r.intersection(try DateRange("2026-10-10/2026-12-01")) == (try DateRange("2026-10-10/2026-10-12")))
        let json = try JSONCoding.encode(r)
        #expect(json == #"{"end":"2026-10-12","start":"2026-09-28"}"#)
        #expect(try JSONCoding.decode(DateRange.self, json) == r)
        #expect(throws: DecodingError.self) {
            try JSONCoding.decode(DateRange.self, #"{"end":"2026-09-01","start":"2026-09-28"}"#)
        }
    }

    @Test func workingDayArithmetic() throws {
        let c = Fixtures.nationalDay2026
        #expect(c.adding(workingDays: 0, to: Fixtures.date("2026-10-03")) == Fixtures.date("2026-10-03"))
        #expect(c.adding(workingDays: 1, to: Fixtures.date("2026-09-30")) == Fixtures.date("2026-10-08"))
        #expect(c.workingDays(from: Fixtures.date("2026-09-30"), to: Fixtures.date("2026-10-12")) == 4)
        #expect(c.workingDays(from: Fixtures.date("2026-10-12"), to: Fixtures.date("2026-09-30")) == -4)
        #expect(c.workingDayCount(in: try DateRange("2026-10-01/2026-10-11")) == 3)
        #expect(c.nextWorkingDay(onOrAfter: Fixtures.date("2026-10-01")) == Fixtures.date("2026-10-08"))
        #expect { try WorkingCalendar(weekend: Set(Weekday.allCases)) } throws: {
            ($0 as? SupervisionError)?.code == .invalidParameter
        }
        #expect {
            try WorkingCalendar(holidays: [Fixtures.date("2026-10-10")], makeUpWorkdays: [Fixtures.date("2026-10-10")])
        } throws: { ($0 as? SupervisionError)?.code == .invalidParameter }
        let encoded = try JSONCoding.encode(c)
        #expect(try JSONCoding.decode(WorkingCalendar.self, encoded) == c)
    }
}
