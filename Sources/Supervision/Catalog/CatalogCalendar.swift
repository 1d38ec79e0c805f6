/// One working calendar of a catalog, e.g. `cn-2027`, with where its dates come from.
///
/// Encoded flat: `{"id": "cn-2027", "source": "…", "covers": {…}, "weekend": […], "holidays": […],
/// "makeUpWorkdays": […]}`.
public struct CatalogCalendar: Hashable, Sendable, Codable {
    /// Identifier, e.g. `cn-2027`.
    public var id: String
    /// Where the dates come from (e.g. the State Council notice).
    public var source: String
    /// The calendar; it must have a coverage.
    public var calendar: WorkingCalendar

    /// Creates an entry.
    public init(id: String, source: String = "", calendar: WorkingCalendar) {
        self.id = id
        self.source = source
        self.calendar = calendar
    }

    private enum CodingKeys: String, CodingKey { case id, source }

    /// Decodes `id`, optional `source` and the calendar's own keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        calendar = try WorkingCalendar(from: decoder)
    }

    /// Encodes `id`, `source` and the calendar's keys in one object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try calendar.encode(to: encoder)
    }
}
