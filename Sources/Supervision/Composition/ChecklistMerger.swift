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
    /// The department kind of each of ``departments``: owners, scenarios and leads are by kind.
    private let kinds: [DepartmentID]
    private var index: [UInt64: [Int]] = [:]
    private var entries: [(industry: Int, pairs: [(department: Int, itemSet: Int)], merged: Merged)] = []

    init(catalog: ScenarioCatalog, departments: [DepartmentID], kinds: [DepartmentID]) {
        self.catalog = catalog
        self.departments = departments
        self.kinds = kinds
    }

    /// `pairs`: (department index, item set index), sorted and unique.
    mutating func merge(
        industry: IndustryID, industryIndex: Int, pairs: [(department: Int, itemSet: Int)], input: PlanningInput
    ) -> Merged {
        // FNV-1a over the key; candidates are compared in full, so collisions are harmless.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(industryIndex)
        for p in pairs { hash = (hash ^ UInt64(p.department << 32 | p.itemSet)) &* 0x100_0000_01b3 }
        if let candidates = index[hash] {
            for c in candidates
            where entries[c].industry == industryIndex
                && entries[c].pairs.elementsEqual(pairs, by: { $0 == $1 })
            {
                return entries[c].merged
            }
        }

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
        let visitKinds = visitDepartments.map { kinds[$0] }
        var checklist: [ChecklistAssignment] = []
        var minutesBy: [Int: Int] = [:]
        var assigned: [DepartmentID: Int] = [:]
        for item in listedBy.keys.sorted() {
            let definition = catalog.items[Int(item)]
            let checker: Int
            if let owner = visitDepartments.first(where: { kinds[$0] == definition.owner }) {
                checker = owner
            } else {
                checker = listedBy[item]!.min()!
            }
            checklist.append(ChecklistAssignment(item: definition.id, checkedBy: departments[checker]))
            minutesBy[checker, default: 0] += definition.estimatedMinutes
            assigned[kinds[checker], default: 0] += 1
        }
        // The lead by kind, then the visit's department of that kind.
        let leadKind = catalog.lead(industry: industry, departments: visitKinds, assignedItems: assigned)
        let lead = departments[visitDepartments.first { kinds[$0] == leadKind }!]
        let merged = Merged(
            checklist: checklist, lead: lead,
            scenario: catalog.scenario(for: industry, departments: visitKinds)?.id,
            minutes: visitDepartments.map { ($0, minutesBy[$0] ?? 0) },
            duplicatesRemoved: total - checklist.count)
        entries.append((industryIndex, pairs, merged))
        index[hash, default: []].append(entries.count - 1)
        return merged
    }
}
