/// Every agent's placement on a bus, and the rules that follow from them: who takes part in a
/// joint inspection composed at an area, which agent a referral goes to, and which entities an
/// agent's register holds. Pure: the same placements give the same answers everywhere.
public struct Placements: Hashable, Sendable {
    /// The placements, sorted by agent id.
    public let all: [Placement]
    private let byAgent: [DepartmentID: Placement]

    /// Placements of distinct agents; a repeated agent id keeps its first placement.
    public init(_ placements: [Placement]) {
        var byAgent: [DepartmentID: Placement] = [:]
        for p in placements where byAgent[p.agent] == nil { byAgent[p.agent] = p }
        self.byAgent = byAgent
        all = byAgent.values.sorted { $0.agent < $1.agent }
    }

    /// The placement of `agent`, if it is on the bus.
    public func placement(of agent: DepartmentID) -> Placement? { byAgent[agent] }

    /// The department kind of `agent`: its placement's kind, else its id (an agent not listed,
    /// e.g. one that left, is read as a city department named after its kind).
    public func kind(of agent: DepartmentID) -> DepartmentID { byAgent[agent]?.kind ?? agent }

    /// The area of `agent` (the city when not listed).
    public func area(of agent: DepartmentID) -> Area { byAgent[agent]?.area ?? .city }

    /// The agent of `kind` nearest to `area`: the one at `area`, else at the area above, up to
    /// the city; `nil` when no agent of that kind is at or above `area`. Two agents of one kind
    /// at one area: the smallest id.
    public func nearest(kind: DepartmentID, at area: Area) -> Placement? {
        for level in area.lineage {
            if let p = all.first(where: { $0.kind == kind && $0.area == level }) { return p }
        }
        return nil
    }

    /// The agents that take part in a joint inspection composed at `area` (监管一件事 among the
    /// departments of one jurisdiction): for each kind, the agent of that kind nearest to `area`
    /// at or above it. A district's inspection therefore gets the district's bureaus and, for
    /// kinds the district lacks, the city's departments. Sorted by agent id.
    public func participants(at area: Area) -> [Placement] {
        Set(all.map(\.kind)).compactMap { nearest(kind: $0, at: area) }.sorted { $0.agent < $1.agent }
    }

    /// Whether `agent` takes part in joint inspections composed at `area`.
    public func takesPart(_ agent: DepartmentID, at area: Area) -> Bool {
        guard let p = byAgent[agent] else { return false }
        return nearest(kind: p.kind, at: area)?.agent == agent
    }

    /// The agent a referral to `kind` about an entity in `area` goes to (线索移送): the agent of
    /// that kind in the entity's area, falling back up a level when none exists there; `nil`
    /// when no agent of that kind is at or above the area.
    public func referralRecipient(kind: DepartmentID, entityArea area: Area) -> DepartmentID? {
        nearest(kind: kind, at: area)?.agent
    }

    /// Whether an agent at `agentArea` holds an entity in `entityArea` in its register: the
    /// entity lies within the agent's area, or the entity is placed above the agent's level (an
    /// entity placed at its district belongs to every sub-district team of it).
    public static func holds(agentArea: Area, entityArea: Area) -> Bool {
        agentArea.contains(entityArea) || entityArea.contains(agentArea)
    }
}
