@testable import Supervision

/// Small hand-made inputs shared by the suites.
enum Fixtures {
    static func date(_ text: String) -> CivilDate { try! CivilDate(text) }
    static func range(_ a: String, _ b: String) -> DateRange { try! DateRange(start: date(a), end: date(b)) }

    /// A valid code from a 17-character body.
    static func code(_ body: String) -> CreditCode {
        let values = body.utf8.map { c in CreditCode.alphabet.firstIndex(of: c)! }
        return try! CreditCode(body: values)
    }

    /// The golden-vector register: 12 entities rated by `fire` (2 D, 2 C, 5 B, 3 A).
    static let goldenClasses: [RiskClass] = [.d, .d, .c, .c, .b, .b, .b, .b, .b, .a, .a, .a]
    static var goldenEntities: [SupervisedEntity] {
        goldenClasses.enumerated().map { i, c in
            let number = String(i * 37 + 5)
            let body = "91310115MA1K4" + String(repeating: "0", count: 4 - number.count) + number
            return SupervisedEntity(
                code: code(body), name: "实体\(i)", industry: i % 2 == 0 ? "ktv" : "restaurant",
                district: i < 6 ? "pudong" : "xuhui", address: "上海市浦东新区世纪大道\(i)号", riskClasses: [.fire: c])
        }
    }

    static var catalog: ScenarioCatalog { try! BundledData.scenarioCatalog() }
    static var calendar2026: WorkingCalendar { try! BundledData.calendar2026() }

    /// The 2026 calendar written out by hand (National Day and Mid-Autumn only), independent of the bundled file.
    static var nationalDay2026: WorkingCalendar {
        let holidays = ["2026-09-25", "2026-09-26", "2026-09-27"] + (1...7).map { "2026-10-0\($0)" }
        return try! WorkingCalendar(
            holidays: Set(holidays.map(date)), makeUpWorkdays: [date("2026-09-20"), date("2026-10-10")])
    }
}
