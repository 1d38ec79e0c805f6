/// Which days are working days: weekly rest days, public holidays and make-up working days
/// (调休上班, a weekend day worked to bridge a holiday).
///
/// A make-up working day is a working day even on a weekend; a holiday is a rest day even on a
/// weekday. The calendar is a value passed into every computation that counts working days.
public struct WorkingCalendar: Hashable, Sendable, Codable {
    /// Weekly rest days (default Saturday and Sunday).
    public let weekend: Set<Weekday>
    /// Public holidays (rest days).
    public let holidays: Set<CivilDate>
    /// Weekend days that are worked (调休).
    public let makeUpWorkdays: Set<CivilDate>

    /// Creates a calendar; throws ``SupervisionError/Code/invalidParameter`` if every weekday is a
    /// rest day or a date is both a holiday and a make-up working day.
    public init(
        weekend: Set<Weekday> = [.saturday, .sunday], holidays: Set<CivilDate> = [],
        makeUpWorkdays: Set<CivilDate> = []
    ) throws {
        guard weekend.count < 7 else {
            throw SupervisionError(.invalidParameter, "a calendar needs at least one working weekday")
        }
        let both = holidays.intersection(makeUpWorkdays)
        guard both.isEmpty else {
            let list = both.sorted().map(\.description).joined(separator: ", ")
            throw SupervisionError(
                .invalidParameter, "\(list) listed both as holiday and as make-up working day: keep one")
        }
        self.weekend = weekend
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
    }

    /// Monday to Friday, no holidays.
    public static let weekdaysOnly = try! WorkingCalendar()

    /// Whether `day` is a working day.
    public func isWorkingDay(_ day: CivilDate) -> Bool {
        if makeUpWorkdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return !weekend.contains(day.weekday)
    }

    /// The `count`-th working day strictly after `day` (`day` itself when `count` is 0).
    ///
    /// "Within 2 working days of Wednesday 30 September 2026" is `adding(workingDays: 2, to: 2026-09-30)`.
    public func adding(workingDays count: Int, to day: CivilDate) -> CivilDate {
        var current = day
        var remaining = max(0, count)
        while remaining > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// Working days in `(from, to]`: how many working days `to` is after `from` (negative if before).
    public func workingDays(from: CivilDate, to: CivilDate) -> Int {
        if from == to { return 0 }
        if to < from { return -workingDays(from: to, to: from) }
        var n = 0
        var d = from
        while d < to {
            d = d.adding(days: 1)
            if isWorkingDay(d) { n += 1 }
        }
        return n
    }

    /// The first working day on or after `day`.
    public func nextWorkingDay(onOrAfter day: CivilDate) -> CivilDate {
        var d = day
        while !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    /// The number of working days in `range`.
    public func workingDayCount(in range: DateRange) -> Int {
        var n = 0
        var d = range.start
        while d <= range.end {
            if isWorkingDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }

    private enum CodingKeys: String, CodingKey { case weekend, holidays, makeUpWorkdays }

    /// Decodes and validates; lists are sorted on encoding.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let weekend = try c.decodeIfPresent([Weekday].self, forKey: .weekend) ?? [.saturday, .sunday]
        let holidays = try c.decodeIfPresent([CivilDate].self, forKey: .holidays) ?? []
        let makeUp = try c.decodeIfPresent([CivilDate].self, forKey: .makeUpWorkdays) ?? []
        do {
            try self.init(weekend: Set(weekend), holidays: Set(holidays), makeUpWorkdays: Set(makeUp))
        } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes with sorted lists, so equal calendars encode identically.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(weekend.sorted(), forKey: .weekend)
        try c.encode(holidays.sorted(), forKey: .holidays)
        try c.encode(makeUpWorkdays.sorted(), forKey: .makeUpWorkdays)
    }
}
