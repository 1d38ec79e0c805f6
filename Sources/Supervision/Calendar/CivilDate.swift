/// A civil (proleptic Gregorian) calendar day with no time and no time zone.
///
/// Stored as a day number counted from 1970-01-01 so that day arithmetic and comparison are
/// integer operations. Years 1…9999 are supported. Encodes as `"YYYY-MM-DD"`.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int32

    /// The smallest supported date, 0001-01-01.
    public static let minimum = CivilDate(dayNumber: -719_162)
    /// The largest supported date, 9999-12-31.
    public static let maximum = CivilDate(dayNumber: 2_932_896)

    /// Creates a date from a day number (days since 1970-01-01), clamped to the supported range.
    public init(dayNumber: Int32) {
        self.dayNumber = min(max(dayNumber, -719_162), 2_932_896)
    }

    /// Creates a date, throwing ``SupervisionError/Code/invalidDate`` for a day that does not exist.
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else {
            throw SupervisionError(
                .invalidDate, "\(year)-\(month)-\(day) is not a calendar day (years 1-9999)")
        }
        self.dayNumber = Int32(CivilDate.days(year: year, month: month, day: day))
    }

    /// Parses `"YYYY-MM-DD"`, throwing ``SupervisionError/Code/invalidDate``.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (48...57).contains(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - 48)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
        else {
            throw SupervisionError(.invalidDate, "'\(text)' is not a date: write YYYY-MM-DD")
        }
        try self.init(year: y, month: m, day: d)
    }

    /// The (year, month, day) triple.
    public var components: (year: Int, month: Int, day: Int) {
        CivilDate.civil(Int(dayNumber))
    }
    /// The year.
    public var year: Int { components.year }
    /// The month, 1…12.
    public var month: Int { components.month }
    /// The day of the month, 1…31.
    public var day: Int { components.day }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((Int(dayNumber) % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    /// The date `days` days later (earlier if negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: Int32(clamping: Int(dayNumber) + days))
    }

    /// Days from `self` to `other` (positive if `other` is later).
    public func days(to other: CivilDate) -> Int { Int(other.dayNumber) - Int(dayNumber) }

    /// `YYYYMMDD` as an integer, e.g. 20261001.
    public var compact: Int {
        let c = components
        return c.year * 10_000 + c.month * 100 + c.day
    }

    /// `"YYYY-MM-DD"`.
    public var description: String {
        let c = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// Compares day numbers.
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// Decodes `"YYYY-MM-DD"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
