/// One agent on a bus of several levels: its id (whose log it writes, what plans and
/// referrals name), its department kind (what scenarios, checklist owners, referral routes and
/// no-penalty rules name) and its area.
public struct Placement: Hashable, Sendable, Codable {
    /// The agent's id, e.g. `pudong-market`.
    public var agent: DepartmentID
    /// Its department kind, e.g. `market`.
    public var kind: DepartmentID
    /// Where its authority runs.
    public var area: Area

    /// Creates a placement.
    public init(agent: DepartmentID, kind: DepartmentID, area: Area) {
        self.agent = agent
        self.kind = kind
        self.area = area
    }

    /// A city-level agent whose id is its kind (a bus of one level).
    public init(cityDepartment id: DepartmentID) { self.init(agent: id, kind: id, area: .city) }
}
