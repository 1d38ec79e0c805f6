/// Which days are working days: weekly rest days, public holidays and make-up working days
/// (调休上班, a weekend day worked to bridge a holiday).
///
/// A make-up working day is a working day even on a weekend; a holiday is a rest day even on a
/// weekday. The calendar is a value passed into every computation that counts working days.
///
/// A calendar published for given years has a ``coverage``: days outside it are unknown, and the
/// `checked…` functions refuse them (``SupervisionError/Code/outsideCalendar``) rather than guess
/// from the weekend rule. Join yearly calendars with ``init(merging:)``.
public struct WorkingCalendar: Hashable, Sendable, Codable {
    /// Weekly rest days (default Saturday and Sunday).
    public let weekend: Set<Weekday>
    /// Public holidays (rest days).
    public let holidays: Set<CivilDate>
    /// Weekend days that are worked (调休).
    public let makeUpWorkdays: Set<CivilDate>
    /// The days the calendar knows (`nil`: every day, by the weekend rule).
    public let coverage: DateRange?

    /// Creates a calendar; throws ``SupervisionError/Code/invalidParameter`` if every weekday is a
    /// rest day or a date is both a holiday and a make-up working day.
    public init(
        weekend: Set<Weekday> = [.saturday, .sunday], holidays: Set<CivilDate> = [],
        makeUpWorkdays: Set<CivilDate> = [], coverage: DateRange? = nil
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
        if let coverage, let outside = holidays.union(makeUpWorkdays).filter({ !coverage.contains($0) }).min() {
            throw SupervisionError(
                .invalidParameter, "\(outside) is listed but lies outside the calendar's coverage \(coverage)")
        }
        self.weekend = weekend
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        self.coverage = coverage
    }

    /// Joins calendars of consecutive periods (e.g. one per year) into one.
    ///
    /// Throws ``SupervisionError/Code/invalidParameter`` when there are none, when their weekends
    /// differ, or when their coverages overlap or leave a gap.
    public init(merging calendars: [WorkingCalendar]) throws {
        let sorted = calendars.sorted { ($0.coverage?.start ?? .minimum) < ($1.coverage?.start ?? .minimum) }
        guard let first = sorted.first else {
            throw SupervisionError(.invalidParameter, "a catalog needs at least one working calendar")
        }
        var end = first.coverage
        for next in sorted.dropFirst() {
            guard next.weekend == first.weekend else {
                throw SupervisionError(.invalidParameter, "calendars to join must have the same weekend days")
            }
            guard let previous = end, let range = next.coverage else {
                throw SupervisionError(.invalidParameter, "only calendars with a coverage can be joined")
            }
            guard range.start == previous.end.adding(days: 1) else {
                throw SupervisionError(
                    .invalidParameter,
                    "calendar coverage \(range) does not follow \(previous) without gap or overlap: give consecutive periods"
                )
            }
            end = try DateRange(start: first.coverage!.start, end: range.end)
        }
        try self.init(
            weekend: first.weekend, holidays: sorted.reduce(into: Set()) { $0.formUnion($1.holidays) },
            makeUpWorkdays: sorted.reduce(into: Set()) { $0.formUnion($1.makeUpWorkdays) }, coverage: end)
    }

    /// Whether the calendar knows `day`.
    public func covers(_ day: CivilDate) -> Bool { coverage?.contains(day) ?? true }

    /// Throws ``SupervisionError/Code/outsideCalendar`` unless the calendar knows every day of `range`.
    public func check(_ range: DateRange) throws {
        guard let coverage, !(coverage.contains(range.start) && coverage.contains(range.end)) else { return }
        throw SupervisionError(
            .outsideCalendar,
            "\(range.start == range.end ? "\(range.start)" : "\(range)") is outside the working calendar (\(coverage)): the catalog needs a calendar for that year"
        )
    }

    /// Throws ``SupervisionError/Code/outsideCalendar`` unless the calendar knows `day`.
    public func check(_ day: CivilDate) throws { try check(DateRange(day: day)) }

    /// ``adding(workingDays:to:)``, refusing to count through days the calendar does not know.
    public func checkedAdding(workingDays count: Int, to day: CivilDate) throws -> CivilDate {
        try check(day)
        let result = adding(workingDays: count, to: day)
        try check(result)
        return result
    }

    /// ``workingDays(from:to:)``, refusing days the calendar does not know.
    public func checkedWorkingDays(from: CivilDate, to: CivilDate) throws -> Int {
        try check(DateRange(start: min(from, to), end: max(from, to)))
        return workingDays(from: from, to: to)
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

    private enum CodingKeys: String, CodingKey { case weekend, holidays, makeUpWorkdays, covers }

    /// Decodes and validates (`covers`, `"YYYY-MM-DD/YYYY-MM-DD"`, is optional); lists are sorted on encoding.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let weekend = try c.decodeIfPresent([Weekday].self, forKey: .weekend) ?? [.saturday, .sunday]
        let holidays = try c.decodeIfPresent([CivilDate].self, forKey: .holidays) ?? []
        let makeUp = try c.decodeIfPresent([CivilDate].self, forKey: .makeUpWorkdays) ?? []
        let coverage = try c.decodeIfPresent(DateRange.self, forKey: .covers)
        do {
            try self.init(
                weekend: Set(weekend), holidays: Set(holidays), makeUpWorkdays: Set(makeUp), coverage: coverage)
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
        try c.encodeIfPresent(coverage, forKey: .covers)
    }
}
