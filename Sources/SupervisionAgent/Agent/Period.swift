import Supervision

/// A planning period: a label as published (`2026-Q3`, `2026-07`, `2026`, or
/// `YYYY-MM-DD/YYYY-MM-DD`) and its days.
public struct Period: Hashable, Sendable {
    /// The label as given.
    public var label: String
    /// The days.
    public var range: DateRange

    /// The longest period a command accepts, in days.
    public static let maxDays = 366

    /// Parses a label (at most ``maxDays`` long); throws ``AgentError`` with the accepted forms.
    public init(_ label: String) throws {
        self.label = label
        let parts = label.split(separator: "-")
        do {
            if label.contains("/") {
                range = try DateRange(label)
            } else if parts.count == 2, let year = Int(parts[0]), parts[1].hasPrefix("Q"),
                let q = Int(parts[1].dropFirst()),
                (1...4).contains(q)
            {
                let start = try CivilDate(year: year, month: 3 * q - 2, day: 1)
                let endMonth = 3 * q
                range = try DateRange(
                    start: start,
                    end: try CivilDate(year: year, month: endMonth, day: CivilDate.daysIn(month: endMonth, year: year)))
            } else if parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) {
                range = try DateRange(
                    start: try CivilDate(year: year, month: month, day: 1),
                    end: try CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year)))
            } else if parts.count == 1, let year = Int(parts[0]) {
                range = try DateRange(
                    start: try CivilDate(year: year, month: 1, day: 1),
                    end: try CivilDate(year: year, month: 12, day: 31))
            } else {
                throw AgentError(.invalidArgument, "")
            }
        } catch {
            throw AgentError(
                .invalidArgument,
                "period '\(label)' is not one of YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD/YYYY-MM-DD")
        }
        let days = Int(range.end.dayNumber) - Int(range.start.dayNumber) + 1
        guard days <= Self.maxDays else {
            throw AgentError(
                .invalidArgument, "period '\(label)' spans \(days) days; at most \(Self.maxDays) (one year)")
        }
    }
}
