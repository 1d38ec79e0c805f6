import Crypto

/// The verifiable random draw (双随机): targets by risk class, then inspectors per target.
///
/// The algorithm is specified in docs/Supervision.md ("Draw algorithm v1") so that anyone can
/// re-run it in another language from the published seed and get the same targets.
public enum RandomDraw {
    /// Draws `request.department`'s targets from `register` and inspectors from `roster`.
    ///
    /// For each class D, C, B, A: the candidates are the entities the department rates in that
    /// class and that match the direction, in credit-code order; `k = ceil(n × rate / 10000)` of
    /// them are chosen by a partial Fisher–Yates shuffle driven by
    /// `DrawStream(seed, request.targetTag(class))`. For each target, the department's inspectors
    /// holding the required qualifications, sorted by id, minus those recused from the target,
    /// are shuffled the same way with `request.inspectorTag(entity)` and the first
    /// `inspectorsPerTarget` taken.
    ///
    /// - Throws: ``SupervisionError/Code/unknownDepartment`` if the register has no risk classes
    ///   for the department; ``SupervisionError/Code/emptyRoster`` if no inspector of the department
    ///   (with the required qualifications) is in `roster`; ``SupervisionError/Code/duplicate`` for
    ///   repeated inspector ids; ``SupervisionError/Code/invalidParameter`` if fewer than 2
    ///   inspectors per target are asked for.
    public static func draw(_ request: DrawRequest, register: Register, roster: [Inspector]) throws -> DrawResult {
        guard request.inspectorsPerTarget >= 2 else {
            throw SupervisionError(
                .invalidParameter,
                "inspectorsPerTarget is \(request.inspectorsPerTarget); at least 2 officers must take part in an inspection"
            )
        }
        guard let column = register.departmentColumn(request.department) else {
            throw SupervisionError(
                .unknownDepartment,
                "the register has no risk classes for department '\(request.department)': load that department's register first"
            )
        }
        let eligible = roster.filter {
            $0.department == request.department && request.requiredQualifications.isSubset(of: $0.qualifications)
        }.sorted { $0.id < $1.id }
        guard !eligible.isEmpty else {
            throw SupervisionError(
                .emptyRoster,
                "department '\(request.department)' has no inspector\(request.requiredQualifications.isEmpty ? "" : " with \(request.requiredQualifications.map(\.rawValue).sorted())") in the roster: add inspectors before drawing"
            )
        }
        for i in eligible.indices.dropFirst() where eligible[i].id == eligible[i - 1].id {
            throw SupervisionError(.duplicate, "inspector '\(eligible[i].id)' appears twice in the roster")
        }

        let candidates = candidatesByClass(request, register: register, column: column)
        let recusals = recusalIndex(eligible)

        let inspectorBase = DrawStream.prefixHasher(
            seed: request.seed, tagPrefix: Array("JS-DRAW-v1|inspectors|\(request.department)|\(request.period)|".utf8),
            suffixLength: 18)
        var targets: [DrawnTarget] = []
        var tallies: [ClassTally] = []
        var unstaffed: [CreditCode] = []
        for riskClass in [RiskClass.d, .c, .b, .a] {
            var pool = candidates[Int(riskClass.level)]
            let k = request.rates.targetCount(candidates: pool.count, riskClass: riskClass)
            var stream = DrawStream(seed: request.seed, tag: request.targetTag(riskClass))
            for i in 0..<k {
                let j = i + stream.uniform(below: pool.count - i)
                pool.swapAt(i, j)
            }
            tallies.append(ClassTally(riskClass: riskClass, candidates: pool.count, drawn: k))
            targets.reserveCapacity(targets.count + k)
            for rank in 0..<k {
                let code = register.codes[Int(pool[rank])]
                let chosen = drawInspectors(
                    request, entity: code, base: inspectorBase, eligible: eligible,
                    recused: recusals.isEmpty ? [] : recusals[code] ?? [])
                if chosen.isEmpty { unstaffed.append(code) }
                targets.append(DrawnTarget(entity: code, riskClass: riskClass, rank: rank, inspectors: chosen))
            }
        }
        // Minimum coverage: top up each scenario's venues to its share, from those not drawn yet.
        var drawn = Set(targets.map(\.entity))
        let risk = register.riskColumns[column]
        for rule in request.coverage.sorted(by: { $0.scenario < $1.scenario }) {
            let allowed = Set(
                register.industries.enumerated().filter { rule.industries.contains($0.element) }.map(\.offset))
            var venues: [Int32] = []
            for p in 0..<risk.count where risk[p] != 0 && allowed.contains(Int(register.industryColumn[p])) {
                venues.append(Int32(p))
            }
            let required = (venues.count * rule.basisPoints + 9_999) / 10_000
            var pool = venues.filter { !drawn.contains(register.codes[Int($0)]) }
            let k = min(max(0, required - (venues.count - pool.count)), pool.count)
            guard k > 0 else { continue }
            var stream = DrawStream(seed: request.seed, tag: request.coverageTag(rule.scenario))
            for i in 0..<k {
                let j = i + stream.uniform(below: pool.count - i)
                pool.swapAt(i, j)
            }
            for rank in 0..<k {
                let position = Int(pool[rank])
                let code = register.codes[position]
                drawn.insert(code)
                let chosen = drawInspectors(
                    request, entity: code, base: inspectorBase, eligible: eligible,
                    recused: recusals.isEmpty ? [] : recusals[code] ?? [])
                if chosen.isEmpty { unstaffed.append(code) }
                targets.append(
                    DrawnTarget(
                        entity: code, riskClass: RiskClass(level: risk[position]) ?? .a, rank: rank, inspectors: chosen)
                )
            }
        }
        return DrawResult(request: request, targets: targets, tallies: tallies, unstaffed: unstaffed)
    }

    /// Register positions per class level (index 1…4), in credit-code order.
    private static func candidatesByClass(_ request: DrawRequest, register: Register, column: Int) -> [[Int32]] {
        let risk = register.riskColumns[column]
        var industryAllowed = [Bool](repeating: request.direction.industries.isEmpty, count: register.industries.count)
        for (i, industry) in register.industries.enumerated() where request.direction.industries.contains(industry) {
            industryAllowed[i] = true
        }
        var districtAllowed = [Bool](repeating: request.direction.districts.isEmpty, count: register.districts.count)
        for (i, district) in register.districts.enumerated() where request.direction.districts.contains(district) {
            districtAllowed[i] = true
        }
        var out = [[Int32]](repeating: [], count: 5)
        if request.direction.industries.isEmpty && request.direction.districts.isEmpty {
            risk.withUnsafeBufferPointer { column in
                for p in 0..<column.count where column[p] != 0 { out[Int(column[p])].append(Int32(p)) }
            }
            return out
        }
        for p in 0..<risk.count {
            let level = Int(risk[p])
            guard level != 0, industryAllowed[Int(register.industryColumn[p])],
                districtAllowed[Int(register.districtColumn[p])]
            else { continue }
            out[level].append(Int32(p))
        }
        return out
    }

    /// Credit code → sorted positions (in the eligible roster) of inspectors recused from it.
    private static func recusalIndex(_ eligible: [Inspector]) -> [CreditCode: [Int]] {
        var index: [CreditCode: [Int]] = [:]
        for (p, inspector) in eligible.enumerated() {
            for code in inspector.conflicts.union(inspector.lastInspected) {
                index[code, default: []].append(p)
            }
        }
        return index
    }

    /// Partial Fisher–Yates over the eligible roster minus `recused`, without materialising it:
    /// virtual position `v` maps to the v-th non-recused roster position; swaps are kept sparse.
    private static func drawInspectors(
        _ request: DrawRequest, entity: CreditCode, base: SHA256, eligible: [Inspector], recused: [Int]
    ) -> [InspectorID] {
        let n = eligible.count - recused.count
        let k = request.inspectorsPerTarget
        guard n >= k else { return [] }
        var stream = DrawStream(base: base, suffix: entity.utf8)  // tag: request.inspectorTag(entity)
        var chosen: [Int]
        if k == 2 {
            // The two Fisher–Yates steps in closed form: step 0 swaps positions 0 and j0, step 1
            // takes position j1 (≥ 1), which holds 0 if j1 == j0 and j1 otherwise.
            let j0 = stream.uniform(below: n)
            let j1 = 1 + stream.uniform(below: n - 1)
            chosen = [j0, j1 == j0 ? 0 : j1]
        } else {
            var swapped: [(Int, Int)] = []
            func value(_ i: Int) -> Int { swapped.last { $0.0 == i }?.1 ?? i }
            for i in 0..<k {
                let j = i + stream.uniform(below: n - i)
                let vi = value(i)
                let vj = value(j)
                swapped.append((i, vj))
                swapped.append((j, vi))
            }
            chosen = (0..<k).map(value)
        }
        return chosen.map { v in
            var p = v
            for r in recused {  // sorted ascending
                if r <= p { p += 1 } else { break }
            }
            return eligible[p].id
        }
    }
}
