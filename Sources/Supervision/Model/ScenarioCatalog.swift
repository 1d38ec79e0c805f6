/// The scenarios and checklist items known to the bus, validated and indexed.
///
/// Load the bundled data with ``bundled()`` or build one from values. Scenario order is
/// meaningful: it breaks ties when an industry belongs to several scenarios.
public struct ScenarioCatalog: Hashable, Sendable {
    /// Version label of the data set (e.g. `2026.1`).
    public let version: String
    /// Scenarios in precedence order.
    public let scenarios: [Scenario]
    /// Items sorted by id, each with its `scenarios` filled in.
    public let items: [ChecklistItem]
    private let itemPositions: [ChecklistItemID: Int]

    /// Builds a catalog.
    ///
    /// Throws ``SupervisionError/Code/duplicate`` for repeated scenario or item ids and
    /// ``SupervisionError/Code/unknownItem`` when a scenario names an item that is not given.
    public init(version: String = "custom", scenarios: [Scenario], items: [ChecklistItem]) throws {
        var seenScenarios = Set<ScenarioID>()
        for s in scenarios where !seenScenarios.insert(s.id).inserted {
            throw SupervisionError(.duplicate, "scenario '\(s.id)' is defined twice: keep one definition")
        }
        var byID: [ChecklistItemID: ChecklistItem] = [:]
        for item in items {
            guard byID[item.id] == nil else {
                throw SupervisionError(.duplicate, "checklist item '\(item.id)' is defined twice: keep one definition")
            }
            guard item.estimatedMinutes >= 0, item.version >= 1 else {
                throw SupervisionError(.invalidParameter, "item '\(item.id)': version must be ≥ 1 and minutes ≥ 0")
            }
            var copy = item
            copy.scenarios = []
            byID[item.id] = copy
        }
        for s in scenarios {
            for id in s.items {
                guard byID[id] != nil else {
                    throw SupervisionError(
                        .unknownItem,
                        "scenario '\(s.id)' lists item '\(id)', which the catalog does not define: add it or remove it from the scenario"
                    )
                }
                if !byID[id]!.scenarios.contains(s.id) { byID[id]!.scenarios.append(s.id) }
            }
        }
        self.version = version
        self.scenarios = scenarios
        self.items = byID.values.sorted { $0.id < $1.id }
        self.itemPositions = Dictionary(uniqueKeysWithValues: self.items.enumerated().map { ($1.id, $0) })
    }

    /// The item with `id`, if defined.
    public func item(_ id: ChecklistItemID) -> ChecklistItem? {
        itemPositions[id].map { items[$0] }
    }

    /// Position of `id` in ``items``.
    public func itemPosition(_ id: ChecklistItemID) -> Int? { itemPositions[id] }

    /// The scenario with `id`.
    public func scenario(_ id: ScenarioID) -> Scenario? { scenarios.first { $0.id == id } }

    /// Joint scenarios that apply to `industry`, in precedence order.
    public func scenarios(for industry: IndustryID) -> [Scenario] {
        scenarios.filter { $0.isJoint && $0.industries.contains(industry) }
    }

    /// The items `department` inspects at an entity of `industry`: its items in the joint
    /// scenarios for that industry, or its baseline items when no joint scenario applies.
    /// Sorted by id, without repeats.
    public func checklist(for department: DepartmentID, industry: IndustryID) -> [ChecklistItemID] {
        var found = Set<ChecklistItemID>()
        for s in scenarios(for: industry) {
            for id in s.items where item(id)!.isListed(by: department) { found.insert(id) }
        }
        if found.isEmpty {
            for s in scenarios where !s.isJoint && (s.industries.isEmpty || s.industries.contains(industry)) {
                for id in s.items where item(id)!.isListed(by: department) { found.insert(id) }
            }
        }
        return found.sorted()
    }

    /// The scenario a visit by `departments` to an entity of `industry` falls under: the joint
    /// scenario for the industry that shares the most departments with the visit (earlier
    /// scenarios win ties), or `nil`.
    public func scenario(for industry: IndustryID, departments: [DepartmentID]) -> Scenario? {
        var best: Scenario?
        var bestOverlap = 0
        for s in scenarios(for: industry) {
            let overlap = s.departments.filter(departments.contains).count
            if overlap > bestOverlap {
                best = s
                bestOverlap = overlap
            }
        }
        return best
    }

    /// The lead department of a visit (牵头部门).
    ///
    /// The scenario's lead for the industry if it takes part; otherwise the first of the
    /// scenario's participants and assisting departments that takes part; without a scenario,
    /// the department with most assigned items (`assignedItems`), ties to the smallest id.
    public func lead(
        industry: IndustryID, departments: [DepartmentID], assignedItems: [DepartmentID: Int]
    ) -> DepartmentID {
        if let s = scenario(for: industry, departments: departments) {
            let order = [s.lead(for: industry)] + s.participants + s.assisting
            if let d = order.first(where: departments.contains) { return d }
        }
        return departments.min { a, b in
            let na = assignedItems[a] ?? 0
            let nb = assignedItems[b] ?? 0
            return na != nb ? na > nb : a < b
        }!
    }
}
