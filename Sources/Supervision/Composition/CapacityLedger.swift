/// Per-department and per-inspector daily loads, with "next day that is not full" pointers
/// (union–find with path halving) so that searching a saturated stretch costs nearly nothing.
///
/// A department's day is full at its current cap: its slots per day, or a lower pacing cap
/// that spreads visits over the period (``setCaps(_:)``).
struct CapacityLedger {
    struct Need {
        var department: Int
        var slots: Int32
    }

    private let days: Int
    /// Inspector slots per working day of each department.
    let slotsPerDay: [Int32]
    private var slotCap: [Int32]
    private let perInspector: [UInt8]
    private let nextWorking: [Int32]
    private var load: [Int32]
    private var free: [Int32]
    private var inspectorLoad: [UInt8]
    private let inspectorDepartment: [UInt8]

    init(input: PlanningInput) {
        days = input.horizonDays
        slotsPerDay = input.capacities.map { Int32(clamping: $0.slotsPerDay) }
        slotCap = slotsPerDay
        perInspector = input.capacities.map { UInt8(clamping: $0.inspectionsPerInspectorPerDay) }
        nextWorking = input.nextWorking
        var load = [Int32](repeating: 0, count: input.departments.count * days)
        // A day a department is unavailable counts as full.
        for (d, capacity) in input.capacities.enumerated() {
            for day in capacity.unavailable {
                let index = input.horizonStart.days(to: day)
                if index >= 0, index < days { load[d * days + index] = Int32.max / 2 }
            }
        }
        self.load = load
        var f = [Int32](repeating: 0, count: input.departments.count * (days + 1))
        for d in 0..<input.departments.count {
            for day in 0...days { f[d * (days + 1) + day] = Int32(day) }
        }
        free = f
        inspectorLoad = [UInt8](repeating: 0, count: input.inspectorIDs.count * days)
        inspectorDepartment = input.inspectorDepartment
    }

    /// Sets each department's cap (at most its slots per day) and recomputes which days are full.
    mutating func setCaps(_ caps: [Int32]) {
        slotCap = zip(caps, slotsPerDay).map { min($0, $1) }
        for d in slotCap.indices {
            let base = d * (days + 1)
            for day in 0..<days {
                free[base + day] = load[d * days + day] >= slotCap[d] ? Int32(day + 1) : Int32(day)
            }
            free[base + days] = Int32(days)
        }
    }

    /// The first day ≥ `day` on which `department` is not full.
    private mutating func firstFree(_ department: Int, _ day: Int) -> Int {
        let base = department * (days + 1)
        var x = day
        while Int(free[base + x]) != x {
            let parent = Int(free[base + x])
            free[base + x] = free[base + parent]
            x = parent
        }
        return x
    }

    /// The earliest working day in `lo...hi` with room for every need and every inspector.
    mutating func earliestDay(lo: Int, hi: Int, needs: [Need], inspectors: [Int32]) -> Int? {
        var day = lo
        search: while day <= hi {
            day = Int(nextWorking[day])
            if day > hi { return nil }
            for need in needs {
                let f = firstFree(need.department, day)
                if f != day {
                    day = f
                    continue search
                }
                if load[need.department * days + day] + need.slots > slotCap[need.department] {
                    day += 1
                    continue search
                }
            }
            for q in inspectors {
                let d = Int(inspectorDepartment[Int(q)])
                if inspectorLoad[Int(q) * days + day] >= perInspector[d] {
                    day += 1
                    continue search
                }
            }
            return day
        }
        return nil
    }

    /// Books the needs and inspectors on `day`.
    mutating func book(day: Int, needs: [Need], inspectors: [Int32]) {
        for need in needs {
            let i = need.department * days + day
            load[i] += need.slots
            if load[i] >= slotCap[need.department] {
                free[need.department * (days + 1) + day] = Int32(day + 1)
            }
        }
        for q in inspectors { inspectorLoad[Int(q) * days + day] += 1 }
    }
}
