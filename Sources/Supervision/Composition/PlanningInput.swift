/// Intents validated and turned into compact columns (department index, register position,
/// working-day window, interned item set, interned inspectors) for the planner, sorted by
/// (entity, window end, window start, input position) so that an entity's intents are adjacent
/// and every later pass reads neighbouring memory.
struct PlanningInput {
    let departments: [DepartmentID]
    /// The department kind of each of ``departments`` (same order).
    let kinds: [DepartmentID]
    let capacities: [DepartmentCapacity]
    let horizonStart: CivilDate
    let horizonDays: Int
    /// First working day index ≥ d (horizonDays if none), for d in 0...horizonDays.
    let nextWorking: [Int32]

    var department: [UInt8] = []
    var entity: [Int32] = []
    /// Effective window in day indices (first/last working day); start > end means no working day.
    var start: [Int32] = []
    var end: [Int32] = []
    var itemSet: [Int32] = []
    var inspectorStart: [Int32] = []
    var inspectorCount: [UInt8] = []
    var inspectorFlat: [Int32] = []

    /// Interned item sets: sorted catalog positions.
    var itemSets: [[Int32]] = []
    /// Minutes of each item set.
    var itemSetMinutes: [Int] = []
    var inspectorIDs: [InspectorID] = []
    var inspectorDepartment: [UInt8] = []
    /// Intent ids and entity codes, in the sorted order.
    var ids: [IntentID] = []
    var codes: [CreditCode] = []
    /// Register industry index of each intent's entity.
    var industry: [UInt16] = []

    var count: Int { department.count }

    init(
        intents: [Intent], register: Register, catalog: ScenarioCatalog, calendar: WorkingCalendar,
        capacities: [DepartmentID: DepartmentCapacity], kinds: [DepartmentID: DepartmentID] = [:]
    ) throws {
        departments = capacities.keys.sorted()
        self.kinds = departments.map { kinds[$0] ?? $0 }
        guard departments.count <= 64 else {
            throw SupervisionError(.invalidParameter, "at most 64 departments can be composed together; split the plan")
        }
        self.capacities = departments.map { capacities[$0]! }
        let departmentIndex = Dictionary(uniqueKeysWithValues: departments.enumerated().map { ($1, UInt8($0)) })

        let first = intents.map(\.window.start).min() ?? CivilDate(dayNumber: 0)
        let last = intents.map(\.window.end).max() ?? first
        horizonStart = first
        horizonDays = first.days(to: last) + 1
        guard horizonDays <= 40_000 else {
            throw SupervisionError(
                .invalidWindow,
                "intent windows span \(horizonDays) days (\(first)…\(last)); compose at most about a century at once")
        }
        var next = [Int32](repeating: Int32(horizonDays), count: horizonDays + 1)
        var previous = [Int32](repeating: -1, count: horizonDays)
        for d in stride(from: horizonDays - 1, through: 0, by: -1) {
            next[d] = calendar.isWorkingDay(first.adding(days: d)) ? Int32(d) : next[d + 1]
        }
        var lastWorking: Int32 = -1
        for d in 0..<horizonDays {
            if next[d] == Int32(d) { lastWorking = Int32(d) }
            previous[d] = lastWorking
        }
        nextWorking = next

        let n = intents.count
        department.reserveCapacity(n)
        entity.reserveCapacity(n)
        start.reserveCapacity(n)
        end.reserveCapacity(n)
        itemSet.reserveCapacity(n)
        inspectorStart.reserveCapacity(n)
        inspectorCount.reserveCapacity(n)

        struct BufferKey: Hashable { var address: UInt; var count: Int }
        var byBuffer: [BufferKey: Int32] = [:]
        var byContent: [[Int32]: Int32] = [:]
        var inspectorIndex: [InspectorID: Int32] = [:]
        var idKeys: [UInt128] = []
        idKeys.reserveCapacity(n)

        let positions = register.positions(of: intents.map(\.entity))
        var lastDepartment: (id: DepartmentID, index: UInt8)?
        for (n, intent) in intents.enumerated() {
            let known = lastDepartment.flatMap { $0.id == intent.department ? $0.index : nil }
            guard let d = known ?? departmentIndex[intent.department] else {
                throw SupervisionError(
                    .unknownDepartment,
                    "intent \(intent.id) is from department '\(intent.department)', which has no capacity entry: add its capacity"
                )
            }
            guard let p = positions[n] else {
                throw SupervisionError(
                    .unknownEntity, "intent \(intent.id) names \(intent.entity), which is not in the register")
            }
            idKeys.append(UInt128(d) << 64 | UInt128(intent.id.sequence))
            lastDepartment = (intent.department, d)
            department.append(d)
            entity.append(Int32(p))
            let s = first.days(to: intent.window.start)
            let e = first.days(to: intent.window.end)
            start.append(next[s])
            end.append(previous[e])

            let key = intent.items.withUnsafeBufferPointer {
                BufferKey(address: UInt(bitPattern: $0.baseAddress), count: $0.count)
            }
            if let set = byBuffer[key] {
                itemSet.append(set)
            } else {
                var positions: [Int32] = []
                positions.reserveCapacity(intent.items.count)
                for item in intent.items {
                    guard let q = catalog.itemPosition(item) else {
                        throw SupervisionError(
                            .unknownItem, "intent \(intent.id) lists item '\(item)', which the catalog does not define")
                    }
                    positions.append(Int32(q))
                }
                positions.sort()
                positions = positions.enumerated().filter { $0.offset == 0 || positions[$0.offset - 1] != $0.element }
                    .map(\.element)
                let set: Int32
                if let existing = byContent[positions] {
                    set = existing
                } else {
                    set = Int32(itemSets.count)
                    itemSets.append(positions)
                    itemSetMinutes.append(positions.reduce(0) { $0 + catalog.items[Int($1)].estimatedMinutes })
                    byContent[positions] = set
                }
                byBuffer[key] = set
                itemSet.append(set)
            }

            inspectorStart.append(Int32(inspectorFlat.count))
            inspectorCount.append(UInt8(clamping: intent.inspectors.count))
            for inspector in intent.inspectors.prefix(255) {
                if let q = inspectorIndex[inspector] {
                    guard inspectorDepartment[Int(q)] == d else {
                        throw SupervisionError(
                            .invalidParameter,
                            "inspector '\(inspector)' is named by intents of two departments (\(departments[Int(inspectorDepartment[Int(q)])]) and \(intent.department))"
                        )
                    }
                    inspectorFlat.append(q)
                } else {
                    let q = Int32(inspectorIDs.count)
                    inspectorIndex[inspector] = q
                    inspectorIDs.append(inspector)
                    inspectorDepartment.append(d)
                    inspectorFlat.append(q)
                }
            }
        }
        idKeys.sort()
        for k in idKeys.indices.dropFirst() where idKeys[k] == idKeys[k - 1] {
            let id = IntentID(
                department: departments[Int(idKeys[k] >> 64)], sequence: UInt64(truncatingIfNeeded: idKeys[k]))
            throw SupervisionError(
                .duplicate, "intent id \(id) is used twice: give every intent its own sequence number")
        }
        sortByEntity(intents: intents, register: register)
    }

    private mutating func sortByEntity(intents: [Intent], register: Register) {
        var keys: [UInt128] = []
        keys.reserveCapacity(count)
        for i in 0..<count {
            keys.append(
                UInt128(UInt32(entity[i])) << 96 | UInt128(UInt32(bitPattern: end[i])) << 64
                    | UInt128(UInt32(bitPattern: start[i])) << 32 | UInt128(UInt32(i)))
        }
        keys.sort()
        let order = keys.map { Int(UInt32(truncatingIfNeeded: $0)) }
        let (d0, e0, s0, n0, i0, is0, ic0, f0) = (
            department, entity, start, end, itemSet, inspectorStart, inspectorCount, inspectorFlat
        )
        department = order.map { d0[$0] }
        entity = order.map { e0[$0] }
        start = order.map { s0[$0] }
        end = order.map { n0[$0] }
        itemSet = order.map { i0[$0] }
        inspectorCount = order.map { ic0[$0] }
        ids = order.map { intents[$0].id }
        codes = order.map { intents[$0].entity }
        industry = entity.map { register.industryColumn[Int($0)] }
        var flat: [Int32] = []
        flat.reserveCapacity(f0.count)
        inspectorStart = order.map { i in
            let s = Int(is0[i])
            defer { flat.append(contentsOf: f0[s..<s + Int(ic0[i])]) }
            return Int32(flat.count)
        }
        inspectorFlat = flat
    }

    func isSchedulable(_ i: Int) -> Bool { start[i] <= end[i] }
}
