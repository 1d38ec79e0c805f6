/// What a department may receive (its line of the 部门数据职责清单): event kinds, and for kinds
/// whose content has a category (findings, referrals), the categories. `"*"` allows all.
/// Deny by default: an empty list allows nothing.
public struct DataRights: Sendable, Codable, Hashable {
    /// Event kinds whose payload it may receive, e.g. `plan.proposal`, `finding`.
    public var kinds: [String]
    /// Categories it may receive for categorised content, e.g. `fire-safety`.
    public var categories: [String]
    /// The jurisdictions whose members' logs it holds besides the levels above its own
    /// (``Topology``): `"*"` for all, `pudong` for that district and its sub-districts. Absent:
    /// its own jurisdiction and those below it.
    public var jurisdictions: [String]?

    /// Creates rights; the default allows nothing.
    public init(kinds: [String] = [], categories: [String] = [], jurisdictions: [String]? = nil) {
        self.kinds = kinds
        self.categories = categories
        self.jurisdictions = jurisdictions
    }

    /// Everything (`"*"` for kinds and categories).
    public static let everything = DataRights(kinds: ["*"], categories: ["*"])

    /// Whether these rights allow a payload of `kind` in `category` (`nil`: uncategorised).
    public func allows(kind: String, category: String?) -> Bool {
        guard kinds.contains("*") || kinds.contains(kind) else { return false }
        guard let category else { return true }
        return categories.contains("*") || categories.contains(category)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kinds = try c.decodeIfPresent([String].self, forKey: .kinds) ?? []
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        jurisdictions = try c.decodeIfPresent([String].self, forKey: .jurisdictions)
    }
}
