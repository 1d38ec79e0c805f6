/// One routing rule: findings of `category` (optionally only for entities of `industry`) go to `department`.
public struct ReferralRoute: Hashable, Sendable, Codable {
    /// Item category.
    public var category: ItemCategory
    /// Only for this industry (more specific than a route without industry).
    public var industry: IndustryID?
    /// The responsible department.
    public var department: DepartmentID

    /// Creates a route.
    public init(category: ItemCategory, industry: IndustryID? = nil, department: DepartmentID) {
        self.category = category
        self.industry = industry
        self.department = department
    }
}

/// Referral routing as data (线索移送): which department is responsible for a finding's category.
public struct ReferralRouting: Hashable, Sendable, Codable {
    /// Version label of the routing data.
    public var version: String
    /// The routes, sorted by category then industry.
    public private(set) var routes: [ReferralRoute]

    /// Validates the routes: two routes for the same category and industry must agree
    /// (``SupervisionError/Code/contradictoryRules``; identical repeats are ``SupervisionError/Code/duplicate``).
    public init(version: String = "custom", routes: [ReferralRoute]) throws {
        struct Key: Hashable { var category: ItemCategory; var industry: IndustryID? }
        var seen: [Key: DepartmentID] = [:]
        for r in routes {
            let key = Key(category: r.category, industry: r.industry)
            if let existing = seen[key] {
                let scope = r.industry.map { " for industry '\($0)'" } ?? ""
                if existing == r.department {
                    throw SupervisionError(
                        .duplicate, "route for category '\(r.category)'\(scope) is listed twice: keep one")
                }
                throw SupervisionError(
                    .contradictoryRules,
                    "category '\(r.category)'\(scope) is routed both to '\(existing)' and to '\(r.department)': keep one route"
                )
            }
            seen[key] = r.department
        }
        self.version = version
        self.routes = routes.sorted {
            $0.category != $1.category
                ? $0.category < $1.category : ($0.industry?.rawValue ?? "") < ($1.industry?.rawValue ?? "")
        }
    }

    /// The responsible department: the route for (category, industry), else the route for the
    /// category alone, else `nil`.
    public func responsible(for category: ItemCategory, industry: IndustryID?) -> DepartmentID? {
        if let industry, let r = routes.first(where: { $0.category == category && $0.industry == industry }) {
            return r.department
        }
        return routes.first { $0.category == category && $0.industry == nil }?.department
    }
}
