/// An inclusive range of civil days, `start…end`, with `start <= end`.
public struct DateRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first day.
    public let start: CivilDate
    /// The last day (inclusive).
    public let end: CivilDate

    /// Creates a range, throwing ``SupervisionError/Code/invalidWindow`` when `end` is before `start`.
    public init(start: CivilDate, end: CivilDate) throws {
        guard start <= end else {
            throw SupervisionError(
                .invalidWindow, "window \(start)…\(end) ends before it starts: swap or fix the dates")
        }
        self.start = start
        self.end = end
    }

    /// A single day.
    public init(day: CivilDate) {
        self.start = day
        self.end = day
    }

    /// Parses `"YYYY-MM-DD/YYYY-MM-DD"`.
    public init(_ text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw SupervisionError(.invalidWindow, "'\(text)' is not a window: write YYYY-MM-DD/YYYY-MM-DD")
        }
        try self.init(start: CivilDate(String(parts[0])), end: CivilDate(String(parts[1])))
    }

    /// Number of days in the range (at least 1).
    public var dayCount: Int { start.days(to: end) + 1 }

    /// Whether `day` lies in the range.
    public func contains(_ day: CivilDate) -> Bool { start <= day && day <= end }

    /// Whether the two ranges share at least one day.
    public func overlaps(_ other: DateRange) -> Bool { start <= other.end && other.start <= end }

    /// The shared days, or `nil`.
    public func intersection(_ other: DateRange) -> DateRange? {
        let s = max(start, other.start)
        let e = min(end, other.end)
        return s <= e ? try? DateRange(start: s, end: e) : nil
    }

    /// Every day of the range in order.
    public var days: [CivilDate] { (0..<dayCount).map { start.adding(days: $0) } }

    /// `"YYYY-MM-DD/YYYY-MM-DD"`, the form used in draw tags and canonical encodings.
    public var description: String { "\(start)/\(end)" }

    private enum CodingKeys: String, CodingKey { case start, end }

    /// Decodes `{"start": …, "end": …}` and validates the order.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let s = try c.decode(CivilDate.self, forKey: .start)
        let e = try c.decode(CivilDate.self, forKey: .end)
        do { try self.init(start: s, end: e) } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes `{"start": …, "end": …}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
    }
}
