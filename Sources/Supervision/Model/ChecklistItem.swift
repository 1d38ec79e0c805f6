/// One item of a checklist (检查事项), owned by one department and backed by a legal basis.
public struct ChecklistItem: Hashable, Sendable, Codable {
    /// Stable identifier, e.g. `fire.evacuation-routes`.
    public var id: ChecklistItemID
    /// The department that owns the item and checks it in a joint inspection.
    public var owner: DepartmentID
    /// Other departments that put this item on their own lists; in a joint inspection it is still
    /// checked once, by the owner.
    public var alsoListedBy: [DepartmentID]
    /// Short English title.
    public var title: String
    /// Chinese title.
    public var titleZh: String
    /// Legal basis (法律依据).
    public var legalBasis: String
    /// Category, the key of referral routing.
    public var category: ItemCategory
    /// Scenarios whose checklist contains the item (filled in by the catalog).
    public var scenarios: [ScenarioID]
    /// Version of the item's wording; bump on any change.
    public var version: Int
    /// Estimated minutes one inspector needs for it.
    public var estimatedMinutes: Int
    /// The quantity measured for this item, if any (used by no-penalty rules).
    public var measure: MeasureKind?

    /// Creates an item.
    public init(
        id: ChecklistItemID, owner: DepartmentID, alsoListedBy: [DepartmentID] = [], title: String,
        titleZh: String = "", legalBasis: String, category: ItemCategory, scenarios: [ScenarioID] = [],
        version: Int = 1, estimatedMinutes: Int = 10, measure: MeasureKind? = nil
    ) {
        self.id = id
        self.owner = owner
        self.alsoListedBy = alsoListedBy
        self.title = title
        self.titleZh = titleZh
        self.legalBasis = legalBasis
        self.category = category
        self.scenarios = scenarios
        self.version = version
        self.estimatedMinutes = estimatedMinutes
        self.measure = measure
    }

    /// Whether `department` has this item on its list (as owner or co-lister).
    public func isListed(by department: DepartmentID) -> Bool {
        owner == department || alsoListedBy.contains(department)
    }

    private enum CodingKeys: String, CodingKey {
        case id, owner, alsoListedBy, title, titleZh, legalBasis, category, scenarios, version,
            estimatedMinutes, measure
    }

    /// Decodes; `alsoListedBy`, `titleZh`, `scenarios`, `version`, `estimatedMinutes`, `measure` are optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(ChecklistItemID.self, forKey: .id),
            owner: try c.decode(DepartmentID.self, forKey: .owner),
            alsoListedBy: try c.decodeIfPresent([DepartmentID].self, forKey: .alsoListedBy) ?? [],
            title: try c.decode(String.self, forKey: .title),
            titleZh: try c.decodeIfPresent(String.self, forKey: .titleZh) ?? "",
            legalBasis: try c.decode(String.self, forKey: .legalBasis),
            category: try c.decode(ItemCategory.self, forKey: .category),
            scenarios: try c.decodeIfPresent([ScenarioID].self, forKey: .scenarios) ?? [],
            version: try c.decodeIfPresent(Int.self, forKey: .version) ?? 1,
            estimatedMinutes: try c.decodeIfPresent(Int.self, forKey: .estimatedMinutes) ?? 10,
            measure: try c.decodeIfPresent(MeasureKind.self, forKey: .measure))
    }
}
