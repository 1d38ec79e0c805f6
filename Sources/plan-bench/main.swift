// plan-bench: compose a city-scale joint-inspection plan and print the figures next to the
// naive one-visit-per-intent baseline, computed in the same run.
//
//   swift build -c release --product plan-bench
//   .build/release/plan-bench [--entities N] [--departments N[,N…]] [--seed S]
//                             [--capacity-factor F] [--check-shuffle] [--json]

import Supervision

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func printError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
}

struct Options {
    var entities = 3_300_000
    var departments = [4, 12]
    var seed: UInt64 = 2026
    var capacityFactor = 1.0
    var checkShuffle = false
    var repeats = 3
    var json = false
}

func usage(_ message: String) -> Never {
    printError(
        "plan-bench: \(message)\nusage: plan-bench [--entities N] [--departments N[,N...]] [--seed S] [--capacity-factor F] [--repeat N] [--check-shuffle] [--json]\n"
    )
    exit(2)
}

func parse() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    func value(_ flag: String) -> String {
        guard let v = args.popFirst() else { usage("\(flag) needs a value") }
        return v
    }
    while let a = args.popFirst() {
        switch a {
        case "--entities":
            guard let n = Int(value(a)), n >= 100 else { usage("--entities needs an integer ≥ 100") }
            o.entities = n
        case "--departments":
            let list = value(a).split(separator: ",").compactMap { Int($0) }
            guard !list.isEmpty, list.allSatisfy({ (1...12).contains($0) }) else {
                usage("--departments takes 1...12, comma-separated")
            }
            o.departments = list
        case "--seed":
            guard let s = UInt64(value(a)) else { usage("--seed needs an unsigned integer") }
            o.seed = s
        case "--capacity-factor":
            guard let f = Double(value(a)), f > 0 else { usage("--capacity-factor needs a positive number") }
            o.capacityFactor = f
        case "--repeat":
            guard let n = Int(value(a)), n >= 1 else { usage("--repeat needs a positive integer") }
            o.repeats = n
        case "--check-shuffle": o.checkShuffle = true
        case "--json": o.json = true
        case "-h", "--help": usage("help")
        default: usage("unknown argument '\(a)'")
        }
    }
    return o
}

/// CPU seconds used by this thread (the benchmark's own clock; the domain core never reads
/// clocks). CPU time rather than wall time, because the machines are shared: wall time is
/// reported separately for the whole run.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func wall() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Peak resident memory in MiB (VmHWM of /proc/self/status), or -1.
func peakMiB() -> Double {
    guard let f = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, f) != nil {
        let s = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if s.hasPrefix("VmHWM:") {
            let kb = s.split(separator: " ").compactMap { Double($0) }.first ?? -1
            return kb / 1024
        }
    }
    return -1
}

struct Run {
    var departments: Int
    var entities: Int
    var intents = 0
    var generateSeconds = 0.0
    var drawSeconds = 0.0
    var intentSeconds = 0.0
    var composeSeconds = 0.0
    var naiveSeconds = 0.0
    var peakMiB = 0.0
    var wallSeconds = 0.0
    var repeats = 1
    var joint: PlanMetrics?
    var naive: PlanMetrics?
    var hash = ""
    var shuffleHashMatches: Bool?
    /// Visits per working day of the period: minimum, median, maximum, mean.
    var perDay: (min: Int, median: Int, max: Int, mean: Double) = (0, 0, 0, 0)
    /// Working days of the period with no visit.
    var idleDays = 0
    /// Visits per month.
    var perMonth: [Int] = []
}

/// How the visits of `plan` fall on the working days of `period`.
func spread(_ plan: JointPlan, period: DateRange, calendar: WorkingCalendar) -> (
    perDay: (min: Int, median: Int, max: Int, mean: Double), idle: Int, perMonth: [Int]
) {
    var byDay: [CivilDate: Int] = [:]
    var perMonth = [Int](repeating: 0, count: 12)
    for visit in plan.inspections {
        byDay[visit.date, default: 0] += 1
        perMonth[visit.date.month - 1] += 1
    }
    let counts = period.days.filter(calendar.isWorkingDay).map { byDay[$0] ?? 0 }.sorted()
    guard !counts.isEmpty else { return ((0, 0, 0, 0), 0, perMonth) }
    let mean = Double(counts.reduce(0, +)) / Double(counts.count)
    return ((counts.first!, counts[counts.count / 2], counts.last!, mean), counts.filter { $0 == 0 }.count, perMonth)
}

func month(_ m: Int, _ d: Int) -> CivilDate { try! CivilDate(year: 2026, month: m, day: d) }

func window(department k: Int, order i: Int) -> DateRange {
    let lengths = [3, 6, 12, 4, 6, 3, 12, 6, 4, 3, 6, 12]
    let length = lengths[k % lengths.count]
    let w = i % (12 / length)
    let first = w * length + 1
    let last = first + length - 1
    return try! DateRange(start: month(first, 1), end: month(last, CivilDate.daysIn(month: last, year: 2026)))
}

func run(departmentCount: Int, options: Options) throws -> Run {
    var r = Run(departments: departmentCount, entities: options.entities)
    r.repeats = options.repeats
    let started = wall()
    let departments = Array(CityProfile.allDepartments.prefix(departmentCount))
    let catalog = try BundledData.scenarioCatalog()
    let calendar = try BundledData.calendar2026()

    var t = now()
    let city = try RegisterGenerator.generate(
        GeneratorConfiguration(entities: options.entities, seed: options.seed, departments: departments))
    r.generateSeconds = now() - t

    let period = try DateRange(start: month(1, 1), end: month(12, 31))
    let seed = DrawSeed(text: "plan-bench-\(options.seed)")
    var draws: [DrawResult] = []
    r.drawSeconds = .infinity
    for _ in 0..<options.repeats {
        t = now()
        draws = try departments.map {
            try RandomDraw.draw(
                DrawRequest(department: $0, period: period, seed: seed), register: city.register,
                roster: city.inspectors)
        }
        r.drawSeconds = min(r.drawSeconds, now() - t)
    }

    t = now()
    var intents: [Intent] = []
    for (k, draw) in draws.enumerated() {
        let department = draw.request.department
        var lists: [Int: [ChecklistItemID]] = [:]
        let positions = city.register.positions(of: draw.targets.map(\.entity))
        var order = 0
        var next = 0
        intents += draw.intents(
            firstSequence: 1,
            window: { _ in
                defer { order += 1 }
                return window(department: k, order: order)
            },
            items: { _ in
                defer { next += 1 }
                let industry = city.register.industryIndex(at: positions[next]!)
                if let list = lists[industry] { return list }
                let list = catalog.checklist(for: department, industry: city.register.industries[industry])
                lists[industry] = list
                return list
            })
    }
    r.intents = intents.count
    r.intentSeconds = now() - t

    var capacities: [DepartmentID: DepartmentCapacity] = [:]
    for d in departments {
        let inspectors = city.inspectors.filter { $0.department == d }.count
        capacities[d] = try DepartmentCapacity(inspectors: max(2, Int(Double(inspectors) * options.capacityFactor)))
    }

    var plan: JointPlan?
    r.composeSeconds = .infinity
    for _ in 0..<options.repeats {
        plan = nil
        t = now()
        plan = try JointPlanner.compose(
            intents: intents, register: city.register, catalog: catalog, calendar: calendar, capacities: capacities)
        r.composeSeconds = min(r.composeSeconds, now() - t)
    }
    r.joint = plan!.metrics
    r.hash = plan!.hash
    (r.perDay, r.idleDays, r.perMonth) = spread(plan!, period: period, calendar: calendar)
    plan = nil

    var naive: JointPlan?
    r.naiveSeconds = .infinity
    for _ in 0..<options.repeats {
        naive = nil
        t = now()
        naive = try JointPlanner.compose(
            intents: intents, register: city.register, catalog: catalog, calendar: calendar, capacities: capacities,
            parameters: CompositionParameters(strategy: .separate))
        r.naiveSeconds = min(r.naiveSeconds, now() - t)
    }
    r.naive = naive!.metrics
    naive = nil
    r.peakMiB = peakMiB()
    r.wallSeconds = wall() - started

    if options.checkShuffle {
        var rng = SeededGenerator(seed: options.seed &+ 1)
        intents.shuffle(using: &rng)
        let again = try JointPlanner.compose(
            intents: intents, register: city.register, catalog: catalog, calendar: calendar, capacities: capacities)
        r.shuffleHashMatches = again.hash == r.hash
    }
    return r
}

func fmt(_ v: Double, _ digits: Int = 2) -> String {
    var s = String(Int((v * pow(10, Double(digits))).rounded()))
    while s.count <= digits { s = "0" + s }
    let cut = s.index(s.endIndex, offsetBy: -digits)
    return digits == 0 ? s : s[..<cut] + "." + s[cut...]
}

func report(_ r: Run, json: Bool) {
    let j = r.joint!
    let n = r.naive!
    let planSeconds = r.drawSeconds + r.intentSeconds + r.composeSeconds
    if json {
        let fields: [(String, String)] = [
            ("departments", "\(r.departments)"), ("repeats", "\(r.repeats)"), ("entities", "\(r.entities)"),
            ("intents", "\(r.intents)"),
            ("generate_s", fmt(r.generateSeconds, 3)), ("draw_s", fmt(r.drawSeconds, 3)),
            ("intents_s", fmt(r.intentSeconds, 3)), ("compose_s", fmt(r.composeSeconds, 3)),
            ("naive_compose_s", fmt(r.naiveSeconds, 3)), ("draw_plus_compose_s", fmt(planSeconds, 3)),
            ("peak_mib", fmt(r.peakMiB, 1)), ("wall_s", fmt(r.wallSeconds, 3)), ("visits_naive", "\(n.visitsAfter)"),
            ("visits_joint", "\(j.visitsAfter)"),
            ("entity_visits_saved", "\(j.entityVisitsSaved)"), ("joint_visits", "\(j.jointVisits)"),
            ("lower_bound", "\(j.lowerBound)"), ("gap_to_lower_bound", fmt(j.gapToLowerBound, 6)),
            ("split_for_capacity", "\(j.splitForCapacity)"), ("unscheduled_joint", "\(j.unscheduled)"),
            ("unscheduled_naive", "\(n.unscheduled)"), ("duplicate_checks_removed", "\(j.duplicateChecksRemoved)"),
            ("inspector_hours_joint", fmt(j.inspectorHours, 1)), ("inspector_hours_naive", fmt(n.inspectorHours, 1)),
            ("visits_per_working_day_min", "\(r.perDay.min)"), ("visits_per_working_day_median", "\(r.perDay.median)"),
            ("visits_per_working_day_max", "\(r.perDay.max)"), ("visits_per_working_day_mean", fmt(r.perDay.mean, 1)),
            ("idle_working_days", "\(r.idleDays)"), ("visits_per_month", "\(r.perMonth)"),
            ("plan_hash", "\"\(r.hash)\""),
            ("shuffle_hash_matches", r.shuffleHashMatches.map { "\($0)" } ?? "null"),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        return
    }
    print("== \(r.departments) departments, \(r.entities) entities, \(r.intents) intents ==")
    print(
        "cpu    (best of \(r.repeats)) generate \(fmt(r.generateSeconds, 3)) s | draw \(fmt(r.drawSeconds, 3)) s | intents \(fmt(r.intentSeconds, 3)) s | compose \(fmt(r.composeSeconds, 3)) s (naive \(fmt(r.naiveSeconds, 3)) s) | draw+compose \(fmt(planSeconds, 3)) s (one core; wall for all phases \(fmt(r.wallSeconds, 1)) s)"
    )
    print("memory peak \(fmt(r.peakMiB, 1)) MiB (VmHWM, whole process)")
    print(
        "visits naive \(n.visitsAfter) -> joint \(j.visitsAfter): saved \(j.entityVisitsSaved) (\(fmt(100 * Double(j.entityVisitsSaved) / Double(max(1, n.visitsAfter)), 1))%), joint visits \(j.jointVisits), duplicate checks removed \(j.duplicateChecksRemoved)"
    )
    print(
        "bound  lower bound \(j.lowerBound), gap \(fmt(100 * j.gapToLowerBound, 3))%, split for capacity \(j.splitForCapacity), unscheduled joint \(j.unscheduled) / naive \(n.unscheduled)"
    )
    print(
        "spread visits per working day min \(r.perDay.min) / median \(r.perDay.median) / max \(r.perDay.max) (mean \(fmt(r.perDay.mean, 1))), idle working days \(r.idleDays); per month \(r.perMonth.map(String.init).joined(separator: " "))"
    )
    print(
        "hours  inspector-hours joint \(fmt(j.inspectorHours, 0)) vs naive \(fmt(n.inspectorHours, 0)) (\(fmt(j.inspectorHours / max(1, n.inspectorHours), 3))x)"
    )
    print(
        "hash   \(r.hash)"
            + (r.shuffleHashMatches.map { $0 ? " (same after shuffling the intents)" : " (DIFFERENT after shuffling!)" }
                ?? ""))
}

let options = parse()
do {
    for d in options.departments {
        report(try run(departmentCount: d, options: options), json: options.json)
    }
} catch {
    printError("plan-bench: \(error)\n")
    exit(1)
}
