/// A validated set of no-penalty rules (首违不罚 / 轻微免罚), and the engine that applies them.
public struct NoPenaltyRuleSet: Hashable, Sendable, Codable {
    /// Version label of the rule data.
    public var version: String
    /// A violation counts as a first violation when the entity had no violation of the same item
    /// in this many days before (`nil`: ever). Default 365.
    public var lookbackDays: Int?
    /// The rules, sorted by id.
    public private(set) var rules: [NoPenaltyRule]

    /// Validates and stores the rules.
    ///
    /// - Throws: ``SupervisionError/Code/contradictoryRules`` when two rules cover overlapping
    ///   ranges of the same item and measure with different effects;
    ///   ``SupervisionError/Code/duplicate`` for repeated ids or identical overlapping rules;
    ///   ``SupervisionError/Code/invalidParameter`` for reversed or negative ranges or day counts.
    public init(version: String = "custom", lookbackDays: Int? = 365, rules: [NoPenaltyRule]) throws {
        if let days = lookbackDays, days < 0 {
            throw SupervisionError(.invalidParameter, "lookbackDays is \(days); use 0 or more, or nil for ever")
        }
        var ids = Set<RuleID>()
        for r in rules {
            guard ids.insert(r.id).inserted else {
                throw SupervisionError(.duplicate, "rule id '\(r.id)' is used twice: rename one")
            }
            guard r.minimum >= 0, r.minimum <= r.maximum, r.maximum.isFinite else {
                throw SupervisionError(
                    .invalidParameter,
                    "rule '\(r.id)': range \(r.minimum)...\(r.maximum) is invalid; use 0 ≤ minimum ≤ maximum")
            }
            guard r.correctionWorkingDays >= 0, r.reinspectionWorkingDays >= 1 else {
                throw SupervisionError(
                    .invalidParameter,
                    "rule '\(r.id)': correctionWorkingDays must be ≥ 0 and reinspectionWorkingDays ≥ 1")
            }
        }
        let sorted = rules.sorted { $0.id < $1.id }
        for (i, a) in sorted.enumerated() {
            for b in sorted[(i + 1)...] where a.item == b.item && a.measure == b.measure {
                guard a.minimum <= b.maximum && b.minimum <= a.maximum else { continue }
                let sameEffect =
                    a.department == b.department && a.requiresCorrectionOnSpot == b.requiresCorrectionOnSpot
                    && a.correctionWorkingDays == b.correctionWorkingDays
                    && a.reinspectionWorkingDays == b.reinspectionWorkingDays
                let overlap = "\(max(a.minimum, b.minimum))...\(min(a.maximum, b.maximum))"
                if sameEffect {
                    throw SupervisionError(
                        .duplicate,
                        "rules '\(a.id)' and '\(b.id)' both cover \(a.measure) \(overlap) of item '\(a.item)' with the same effect: merge them into one rule"
                    )
                }
                throw SupervisionError(
                    .contradictoryRules,
                    "rules '\(a.id)' and '\(b.id)' both cover \(a.measure) \(overlap) of item '\(a.item)' but differ (department, on-spot correction or deadlines): make their ranges disjoint or drop one"
                )
            }
        }
        self.version = version
        self.lookbackDays = lookbackDays
        self.rules = sorted
    }

    /// Decides the consequence of `finding`.
    ///
    /// Compliant or not-applicable findings have no consequence. A violation gets the no-penalty
    /// path when a rule for its item and measure covers the measured value, the entity has no
    /// violation of the same item in ``lookbackDays`` before (from `history`), and, if the rule
    /// requires it, the problem was corrected on the spot. Otherwise it takes the normal
    /// enforcement path, with the reason.
    ///
    /// - Parameters:
    ///   - responsible: the department that handles the violation if no rule applies.
    ///   - history: earlier violations (any entity; filtered here).
    ///   - reinspectionSequence: sequence number for the re-inspection intent.
    public func evaluate(
        _ finding: Finding, responsible: DepartmentID, history: [ViolationRecord], calendar: WorkingCalendar,
        reinspectionSequence: UInt64
    ) -> Consequence {
        guard finding.result == .violation else { return .none }
        let forItem = rules.filter { $0.item == finding.item }
        guard !forItem.isEmpty else {
            return .enforcement(EnforcementDecision(department: responsible, reason: .noRuleForItem, rule: nil))
        }
        guard let m = finding.measurement else {
            return .enforcement(EnforcementDecision(department: responsible, reason: .missingMeasurement, rule: nil))
        }
        let forMeasure = forItem.filter { $0.measure == m.kind }
        guard !forMeasure.isEmpty else {
            return .enforcement(EnforcementDecision(department: responsible, reason: .noRuleForItem, rule: nil))
        }
        guard let rule = forMeasure.first(where: { $0.covers(m.value) }) else {
            let limit = forMeasure.map(\.maximum).max()!
            return .enforcement(
                EnforcementDecision(
                    department: forMeasure[0].department, reason: .aboveThreshold(measured: m.value, limit: limit),
                    rule: nil))
        }
        let earlier = history.filter { record in
            record.entity == finding.entity && record.item == finding.item && record.date < finding.date
                && (lookbackDays.map { record.date.days(to: finding.date) <= $0 } ?? true)
        }
        if let previous = earlier.map(\.date).max() {
            return .enforcement(
                EnforcementDecision(
                    department: rule.department, reason: .repeatViolation(previous: previous), rule: rule.id))
        }
        if rule.requiresCorrectionOnSpot && !finding.correctedOnSpot {
            return .enforcement(
                EnforcementDecision(department: rule.department, reason: .notCorrectedOnSpot, rule: rule.id))
        }
        let deadline = calendar.adding(workingDays: rule.correctionWorkingDays, to: finding.date)
        let window = try! DateRange(
            start: calendar.adding(workingDays: 1, to: deadline),
            end: calendar.adding(workingDays: rule.reinspectionWorkingDays, to: deadline))
        let reinspection = Intent(
            id: IntentID(department: rule.department, sequence: reinspectionSequence), entity: finding.entity,
            window: window, items: [finding.item], reason: .followUp(finding: finding.id))
        return .noPenalty(
            NoPenaltyDecision(
                rule: rule.id, documents: [.writtenReminder, .commitmentLetter], correctionDeadline: deadline,
                reinspection: reinspection))
    }
}
