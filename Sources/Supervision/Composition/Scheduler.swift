/// Step 3 of composition: earliest-deadline-first placement under capacity, with splitting.
///
/// Two passes. The first paces every department: its days count as full at an even share of
/// the period (its visits over the working days of the horizon, in whole visits), so visits
/// spread over the whole period instead of filling its first days. Groups that do not fit at
/// that pace get a second pass at full capacity, where they may be split.
struct Scheduler {
    struct Visit {
        var entity: Int32
        var day: Int32
        var memberStart: Int32
        var memberCount: Int32
        var needStart: Int32
        var needCount: Int32
        var split: Bool
        var entityMask: UInt64
    }

    let input: PlanningInput
    var ledger: CapacityLedger
    var visits: [Visit] = []
    var visitMembers: [Int32] = []
    /// Inspector slots per department of each visit (see ``Visit/needStart``), sorted by department.
    var visitNeeds: [CapacityLedger.Need] = []
    var noCapacity: [Int32] = []
    var splits = 0

    // Scratch buffers reused for every placement.
    private var needs: [CapacityLedger.Need] = []
    private var inspectors: [Int32] = []

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
        visitNeeds.reserveCapacity(members.count)
        ledger.setCaps(pacing(clusters, members: members))
        var late: [UInt128] = []
        for key in order {
            let cluster = clusters[Int(UInt32(truncatingIfNeeded: key))]
            let group = members[Int(cluster.memberStart)..<Int(cluster.memberStart + cluster.memberCount)]
            if !tryPlace(group, lo: Int(cluster.lo), hi: Int(cluster.hi), cluster: cluster, split: false) {
                late.append(key)
            }
        }
        ledger.setCaps(ledger.slotsPerDay)
        for key in late {
            let cluster = clusters[Int(UInt32(truncatingIfNeeded: key))]
            let group = members[Int(cluster.memberStart)..<Int(cluster.memberStart + cluster.memberCount)]
            if tryPlace(group, lo: Int(cluster.lo), hi: Int(cluster.hi), cluster: cluster, split: false) { continue }
            let departments = Set(group.map { input.department[Int($0)] }).sorted()
            if departments.count > 1 {
                splits += 1
                for d in departments {
                    let part = group.filter { input.department[Int($0)] == d }
                    let lo = part.map { input.start[Int($0)] }.max()!
                    let hi = part.map { input.end[Int($0)] }.min()!
                    if part.count > 1, tryPlace(part[...], lo: Int(lo), hi: Int(hi), cluster: cluster, split: true) {
                        continue
                    }
                    placeSingly(part, cluster: cluster)
                }
            } else if group.count > 1 {
                placeSingly(Array(group), cluster: cluster)
            } else {
                noCapacity.append(group.first!)
            }
        }
    }

    /// Each department's pacing cap: `ceil(visits / working days) × inspectors per visit` slots a
    /// day, where visits are the groups it takes part in and working days those of the horizon.
    private func pacing(_ clusters: [Grouping.Cluster], members: [Int32]) -> [Int32] {
        var visits = [Int](repeating: 0, count: input.departments.count)
        for cluster in clusters {
            var mask: UInt64 = 0
            for i in members[Int(cluster.memberStart)..<Int(cluster.memberStart + cluster.memberCount)] {
                mask |= 1 << UInt64(input.department[Int(i)])
            }
            for d in visits.indices where mask & (1 << UInt64(d)) != 0 { visits[d] += 1 }
        }
        var workingDays = 0
        var day = Int(input.nextWorking[0])
        while day < input.horizonDays {
            workingDays += 1
            day = Int(input.nextWorking[day + 1])
        }
        return visits.indices.map { d in
            let perDay = (visits[d] + max(workingDays, 1) - 1) / max(workingDays, 1)
            return Int32(clamping: max(perDay, 1) * input.capacities[d].inspectorsPerVisit)
        }
    }

    private mutating func placeSingly(_ group: [Int32], cluster: Grouping.Cluster) {
        for i in group {
            if !tryPlace(
                [i][...], lo: Int(input.start[Int(i)]), hi: Int(input.end[Int(i)]), cluster: cluster, split: true)
            {
                noCapacity.append(i)
            }
        }
    }

    private mutating func tryPlace(
        _ group: ArraySlice<Int32>, lo: Int, hi: Int, cluster: Grouping.Cluster, split: Bool
    ) -> Bool {
        computeRequirements(group)
        guard let day = ledger.earliestDay(lo: lo, hi: hi, needs: needs, inspectors: inspectors) else { return false }
        ledger.book(day: day, needs: needs, inspectors: inspectors)
        visits.append(
            Visit(
                entity: cluster.entity, day: Int32(day), memberStart: Int32(visitMembers.count),
                memberCount: Int32(group.count), needStart: Int32(visitNeeds.count), needCount: Int32(needs.count),
                split: split, entityMask: cluster.entityMask))
        visitMembers.append(contentsOf: group)
        visitNeeds.append(contentsOf: needs)
        return true
    }

    /// Fills `needs` (slots per department: the larger of its `inspectorsPerVisit` and its
    /// distinct named inspectors, sorted by department) and `inspectors` (distinct, sorted).
    private mutating func computeRequirements(_ group: ArraySlice<Int32>) {
        needs.removeAll(keepingCapacity: true)
        inspectors.removeAll(keepingCapacity: true)
        for i in group {
            let d = Int(input.department[Int(i)])
            if !needs.contains(where: { $0.department == d }) {
                needs.append(CapacityLedger.Need(department: d, slots: Int32(input.capacities[d].inspectorsPerVisit)))
            }
            let s = Int(input.inspectorStart[Int(i)])
            inspectors.append(contentsOf: input.inspectorFlat[s..<s + Int(input.inspectorCount[Int(i)])])
        }
        if needs.count > 1 { needs.sort { $0.department < $1.department } }
        guard !inspectors.isEmpty else { return }
        if inspectors.count > 1 {
            inspectors.sort()
            var w = 1
            for r in 1..<inspectors.count where inspectors[r] != inspectors[w - 1] {
                inspectors[w] = inspectors[r]
                w += 1
            }
            inspectors.removeLast(inspectors.count - w)
        }
        for k in needs.indices {
            let named = inspectors.reduce(0) {
                $0 + (Int(input.inspectorDepartment[Int($1)]) == needs[k].department ? 1 : 0)
            }
            needs[k].slots = max(needs[k].slots, Int32(named))
        }
    }
}
