/// Merges the checklists of a visit's intents (一张检查单) and picks the lead, caching the result
/// per combination of industry and (department, item set) pairs: a city has millions of visits
/// but only hundreds of distinct combinations.
struct ChecklistMerger {
    struct Merged {
        var checklist: [ChecklistAssignment]
        var lead: DepartmentID
        var scenario: ScenarioID?
        /// (department index, minutes of the items it checks).
        var minutes: [(department: Int, minutes: Int)]
        var duplicatesRemoved: Int
    }

    private let catalog: ScenarioCatalog
    private let departments: [DepartmentID]
    private var cache: [[UInt32]: Merged] = [:]

    init(catalog: ScenarioCatalog, departments: [DepartmentID]) {
        self.catalog = catalog
        self.departments = departments
    }

    /// `pairs`: (department index, item set index), sorted and unique.
    mutating func merge(
        industry: IndustryID, industryIndex: Int, pairs: [(department: Int, itemSet: Int)], input: PlanningInput
    ) -> Merged {
        var key: [UInt32] = [UInt32(industryIndex)]
        key.reserveCapacity(pairs.count + 1)
        for p in pairs { key.append(UInt32(p.department) << 24 | UInt32(p.itemSet)) }
        if let hit = cache[key] { return hit }

        var visitDepartments: [Int] = []
        for p in pairs where visitDepartments.last != p.department { visitDepartments.append(p.department) }
        var listedBy: [Int32: [Int]] = [:]
        var total = 0
        for p in pairs {
            for item in input.itemSets[p.itemSet] {
                total += 1
                if listedBy[item]?.contains(p.department) != true { listedBy[item, default: []].append(p.department) }
            }
        }
        let departmentIDs = visitDepartments.map { departments[$0] }
        var checklist: [ChecklistAssignment] = []
        var minutesBy: [Int: Int] = [:]
        var assigned: [DepartmentID: Int] = [:]
        for item in listedBy.keys.sorted() {
            let definition = catalog.items[Int(item)]
            let checker: Int
            if let owner = departments.firstIndex(of: definition.owner), visitDepartments.contains(owner) {
                checker = owner
            } else {
                checker = listedBy[item]!.min()!
            }
            checklist.append(ChecklistAssignment(item: definition.id, checkedBy: departments[checker]))
            minutesBy[checker, default: 0] += definition.estimatedMinutes
            assigned[departments[checker], default: 0] += 1
        }
        let lead = catalog.lead(industry: industry, departments: departmentIDs, assignedItems: assigned)
        let merged = Merged(
            checklist: checklist, lead: lead,
            scenario: catalog.scenario(for: industry, departments: departmentIDs)?.id,
            minutes: visitDepartments.map { ($0, minutesBy[$0] ?? 0) },
            duplicatesRemoved: total - checklist.count)
        cache[key] = merged
        return merged
    }
}
