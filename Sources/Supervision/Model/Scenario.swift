/// A joint-supervision scenario (监管一件事场景): which industries it covers, which department
/// leads, which take part, and the items of its unified checklist.
public struct Scenario: Hashable, Sendable, Codable {
    /// Stable identifier, e.g. `escape-rooms`.
    public var id: ScenarioID
    /// Version of the scenario data; bump on any change.
    public var version: Int
    /// English title.
    public var title: String
    /// Chinese title.
    public var titleZh: String
    /// Industries of entities this scenario applies to.
    public var industries: [IndustryID]
    /// The lead department (牵头部门).
    public var lead: DepartmentID
    /// Per-industry lead, overriding ``lead`` (e.g. the sector authority for prepaid cards).
    public var leadByIndustry: [IndustryID: DepartmentID]
    /// Participating departments (配合部门), in order of precedence for leading when the lead is absent.
    public var participants: [DepartmentID]
    /// Departments that assist when needed (e.g. police).
    public var assisting: [DepartmentID]
    /// Minimum share of venues (percent per year) a participant visits, where the scenario sets one.
    public var minimumCoverage: [DepartmentID: Int]
    /// The items of the unified checklist.
    public var items: [ChecklistItemID]
    /// Whether this is a real joint scenario (false for the departments' baseline lists).
    public var isJoint: Bool

    /// Creates a scenario.
    public init(
        id: ScenarioID, version: Int = 1, title: String, titleZh: String = "", industries: [IndustryID],
        lead: DepartmentID, leadByIndustry: [IndustryID: DepartmentID] = [:], participants: [DepartmentID],
        assisting: [DepartmentID] = [], minimumCoverage: [DepartmentID: Int] = [:],
        items: [ChecklistItemID], isJoint: Bool = true
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.titleZh = titleZh
        self.industries = industries
        self.lead = lead
        self.leadByIndustry = leadByIndustry
        self.participants = participants
        self.assisting = assisting
        self.minimumCoverage = minimumCoverage
        self.items = items
        self.isJoint = isJoint
    }

    /// Lead, participants and assisting departments, in precedence order, without repeats.
    public var departments: [DepartmentID] {
        var seen = Set<DepartmentID>()
        return ([lead] + participants + assisting).filter { seen.insert($0).inserted }
    }

    /// The lead for an entity of `industry` (the per-industry override or the general lead).
    public func lead(for industry: IndustryID) -> DepartmentID { leadByIndustry[industry] ?? lead }

    private enum CodingKeys: String, CodingKey {
        case id, version, title, titleZh, industries, lead, leadByIndustry, participants, assisting,
            minimumCoverage, items, isJoint
    }

    /// Decodes; `version` (1), `titleZh`, `leadByIndustry`, `assisting`, `minimumCoverage` and
    /// `isJoint` (true) are optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(ScenarioID.self, forKey: .id),
            version: try c.decodeIfPresent(Int.self, forKey: .version) ?? 1,
            title: try c.decode(String.self, forKey: .title),
            titleZh: try c.decodeIfPresent(String.self, forKey: .titleZh) ?? "",
            industries: try c.decode([IndustryID].self, forKey: .industries),
            lead: try c.decode(DepartmentID.self, forKey: .lead),
            leadByIndustry: try c.decodeIfPresent([IndustryID: DepartmentID].self, forKey: .leadByIndustry) ?? [:],
            participants: try c.decode([DepartmentID].self, forKey: .participants),
            assisting: try c.decodeIfPresent([DepartmentID].self, forKey: .assisting) ?? [],
            minimumCoverage: try c.decodeIfPresent([DepartmentID: Int].self, forKey: .minimumCoverage) ?? [:],
            items: try c.decode([ChecklistItemID].self, forKey: .items),
            isJoint: try c.decodeIfPresent(Bool.self, forKey: .isJoint) ?? true)
    }
}
