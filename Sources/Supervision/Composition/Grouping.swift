/// Step 2 of composition: per-entity greedy minimum stabbing of the working-day windows.
struct Grouping {
    struct Cluster {
        var entity: Int32
        var lo: Int32
        var hi: Int32
        var memberStart: Int32
        var memberCount: Int32
        /// Departments with any intent for this entity (to tell "no overlap" from "no other department").
        var entityMask: UInt64
    }

    var clusters: [Cluster] = []
    var members: [Int32] = []
    var lowerBound = 0

    init(input: PlanningInput, joint: Bool) {
        members.reserveCapacity(input.count)
        clusters.reserveCapacity(input.count)
        // The input is sorted by (entity, end, start): walk it entity by entity.
        var keys: [Int32] = []
        keys.reserveCapacity(input.count)
        for i in 0..<input.count where input.isSchedulable(i) { keys.append(Int32(i)) }

        var group: [Int32] = []
        var taken: [Bool] = []
        var g = 0
        while g < keys.count {
            let entity = input.entity[Int(keys[g])]
            group.removeAll(keepingCapacity: true)
            var mask: UInt64 = 0
            while g < keys.count, input.entity[Int(keys[g])] == entity {
                let i = keys[g]
                group.append(i)
                mask |= 1 << UInt64(input.department[Int(i)])
                g += 1
            }
            taken = [Bool](repeating: false, count: group.count)
            for a in group.indices where !taken[a] {
                let p = input.end[Int(group[a])]
                var lo = input.start[Int(group[a])]
                let first = Int32(members.count)
                for b in a..<group.count where !taken[b] && input.start[Int(group[b])] <= p {
                    let i = group[b]
                    taken[b] = true
                    lo = max(lo, input.start[Int(i)])
                    members.append(i)
                    if !joint {
                        clusters.append(
                            Cluster(
                                entity: entity, lo: input.start[Int(i)], hi: input.end[Int(i)],
                                memberStart: Int32(members.count - 1), memberCount: 1, entityMask: mask))
                    }
                }
                lowerBound += 1
                if joint {
                    clusters.append(
                        Cluster(
                            entity: entity, lo: lo, hi: p, memberStart: first,
                            memberCount: Int32(members.count) - first, entityMask: mask))
                }
            }
        }
    }
}

extension Grouping {
    /// The minimum number of visit days meeting every window of the included intents, per entity
    /// (greedy stabbing over the entity-sorted input), summed.
    static func minimumVisits(_ input: PlanningInput, excluded: [Bool]) -> Int {
        var total = 0
        var i = 0
        var ends: [(end: Int32, start: Int32)] = []
        while i < input.count {
            let entity = input.entity[i]
            ends.removeAll(keepingCapacity: true)
            while i < input.count, input.entity[i] == entity {
                if input.isSchedulable(i) && !excluded[i] { ends.append((input.end[i], input.start[i])) }
                i += 1
            }
            // Sorted by end already (the input order); stab at the first uncovered end.
            var covered = [Bool](repeating: false, count: ends.count)
            for a in ends.indices where !covered[a] {
                total += 1
                for b in a..<ends.count where !covered[b] && ends[b].start <= ends[a].end { covered[b] = true }
            }
        }
        return total
    }
}
