/// The first failed check of a store audit: where the store stops being trustworthy.
public struct AuditBreak: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The check that failed.
    public var check: AuditCheck
    /// The origin whose log breaks; `nil` for store-wide and membership checks.
    public var origin: String?
    /// The seq where it breaks (for a gap: the first missing seq); `nil` when not about one event.
    public var seq: UInt64?
    /// The membership version concerned (membership and data-rights checks).
    public var membershipVersion: Int?
    /// What the check expected.
    public var expected: String
    /// What the store holds instead.
    public var found: String

    /// Creates a break.
    public init(
        check: AuditCheck, origin: String? = nil, seq: UInt64? = nil, membershipVersion: Int? = nil,
        expected: String, found: String
    ) {
        self.check = check
        self.origin = origin
        self.seq = seq
        self.membershipVersion = membershipVersion
        self.expected = expected
        self.found = found
    }

    /// Where it is: `fire seq 12`, `membership version 3`, or `store`.
    public var location: String {
        var parts: [String] = []
        if let origin { parts.append(origin) }
        if let seq { parts.append("seq \(seq)") }
        if let membershipVersion { parts.append("membership version \(membershipVersion)") }
        return parts.isEmpty ? "store" : parts.joined(separator: " ")
    }

    /// One line: location, check, expected and found.
    public var description: String {
        "\(location): \(check.rawValue) check failed: expected \(expected), found \(found)"
    }
}
