/// Step 3 of composition: earliest-deadline-first placement under capacity, with splitting.
struct Scheduler {
    struct Visit {
        var entity: Int32
        var day: Int32
        var memberStart: Int32
        var memberCount: Int32
        var split: Bool
        var entityMask: UInt64
        var needs: [CapacityLedger.Need]
    }

    let input: PlanningInput
    var ledger: CapacityLedger
    var visits: [Visit] = []
    var visitMembers: [Int32] = []
    var noCapacity: [Int32] = []
    var splits = 0

    init(input: PlanningInput) {
        self.input = input
        self.ledger = CapacityLedger(input: input)
    }

    mutating func place(_ clusters: [Grouping.Cluster], members: [Int32]) {
        var order: [UInt128] = []
        order.reserveCapacity(clusters.count)
        for (c, cluster) in clusters.enumerated() {
            order.append(
                UInt128(UInt32(cluster.hi)) << 96 | UInt128(UInt32(cluster.lo)) << 64
                    | UInt128(UInt32(cluster.entity)) << 32 | UInt128(UInt32(c)))
        }
        order.sort()
        visits.reserveCapacity(clusters.count)
        visitMembers.reserveCapacity(members.count)
        for key in order {
            let cluster = clusters[Int(UInt32(truncatingIfNeeded: key))]
            let group = Array(members[Int(cluster.memberStart)..<Int(cluster.memberStart + cluster.memberCount)])
            if tryPlace(group, lo: Int(cluster.lo), hi: Int(cluster.hi), cluster: cluster, split: false) { continue }
            let departments = Set(group.map { input.department[Int($0)] }).sorted()
            if departments.count > 1 {
                splits += 1
                for d in departments {
                    let part = group.filter { input.department[Int($0)] == d }
                    let lo = part.map { input.start[Int($0)] }.max()!
                    let hi = part.map { input.end[Int($0)] }.min()!
                    if part.count > 1, tryPlace(part, lo: Int(lo), hi: Int(hi), cluster: cluster, split: true) { continue }
                    placeSingly(part, cluster: cluster)
                }
            } else if group.count > 1 {
                placeSingly(group, cluster: cluster)
            } else {
                noCapacity.append(group[0])
            }
        }
    }

    private mutating func placeSingly(_ group: [Int32], cluster: Grouping.Cluster) {
        for i in group {
            if !tryPlace([i], lo: Int(input.start[Int(i)]), hi: Int(input.end[Int(i)]), cluster: cluster, split: true) {
                noCapacity.append(i)
            }
        }
    }

    private mutating func tryPlace(_ group: [Int32], lo: Int, hi: Int, cluster: Grouping.Cluster, split: Bool) -> Bool {
        let (needs, inspectors) = requirements(group)
        guard let day = ledger.earliestDay(lo: lo, hi: hi, needs: needs, inspectors: inspectors) else { return false }
        ledger.book(day: day, needs: needs, inspectors: inspectors)
        visits.append(
            Visit(
                entity: cluster.entity, day: Int32(day), memberStart: Int32(visitMembers.count),
                memberCount: Int32(group.count), split: split, entityMask: cluster.entityMask, needs: needs))
        visitMembers.append(contentsOf: group)
        return true
    }

    /// Slots per department (max of the department's `inspectorsPerVisit` and its distinct named
    /// inspectors) and the distinct named inspectors.
    private func requirements(_ group: [Int32]) -> ([CapacityLedger.Need], [Int32]) {
        var inspectors: [Int32] = []
        var departments: [Int] = []
        for i in group {
            let d = Int(input.department[Int(i)])
            if !departments.contains(d) { departments.append(d) }
            let s = Int(input.inspectorStart[Int(i)])
            inspectors.append(contentsOf: input.inspectorFlat[s..<s + Int(input.inspectorCount[Int(i)])])
        }
        if inspectors.count > 1 {
            inspectors.sort()
            var unique: [Int32] = []
            for q in inspectors where unique.last != q { unique.append(q) }
            inspectors = unique
        }
        departments.sort()
        let needs = departments.map { d in
            let named = inspectors.reduce(0) { $0 + (Int(input.inspectorDepartment[Int($1)]) == d ? 1 : 0) }
            return CapacityLedger.Need(
                department: d, slots: Int32(max(input.capacities[d].inspectorsPerVisit, named)))
        }
        return (needs, inspectors)
    }
}
