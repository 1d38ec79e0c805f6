/// Composition of joint inspections (监管一件事): turns every department's intents for a period
/// into visits.
///
/// Algorithm (all steps sort by content, so the plan does not depend on input order):
/// 1. Each intent's window is narrowed to its first and last working day; an intent without a
///    working day is unscheduled.
/// 2. Per entity, intents are grouped by the greedy minimum-stabbing sweep: sorted by window end,
///    the earliest end `p` opens a group that takes every remaining intent starting on or before
///    `p`. The group can meet on any working day of `[max start, p]`; the number of groups is the
///    lower bound on visits.
/// 3. Groups are placed earliest-deadline-first (by `p`, then start, then credit code) on the
///    earliest working day where every department has inspector slots and every named inspector
///    is below the daily limit. A group with no such day is split by department (reason
///    ``SeparateVisitReason/capacity``), then by intent; an intent that still fits nowhere is
///    unscheduled.
/// 4. Each visit gets one merged checklist (an item listed by several departments appears once,
///    checked by its owner when present), the lead by scenario rules, and its participants.
/// Cost: O(n log n) for n intents, no pairwise work across entities.
public enum JointPlanner {
    /// Composes a plan.
    ///
    /// - Parameters:
    ///   - intents: every department's intents, in any order.
    ///   - register: the entities (for industries, hence scenarios and leads).
    ///   - catalog: scenarios and items (owners, minutes).
    ///   - calendar: working days, holidays and make-up working days.
    ///   - capacities: capacity of every department that has intents.
    ///   - kinds: the department kind of each intent's department (agent) where it differs from
    ///     its id, e.g. `pudong-market` → `market`: item owners, scenarios and leads are by kind.
    ///   - parameters: strategy and setup time.
    /// - Throws: ``SupervisionError`` with ``SupervisionError/Code/unknownDepartment``,
    ///   ``SupervisionError/Code/unknownEntity``, ``SupervisionError/Code/unknownItem``,
    ///   ``SupervisionError/Code/duplicate`` (intent ids), ``SupervisionError/Code/invalidWindow``.
    public static func compose(
        intents: [Intent], register: Register, catalog: ScenarioCatalog, calendar: WorkingCalendar,
        capacities: [DepartmentID: DepartmentCapacity], kinds: [DepartmentID: DepartmentID] = [:],
        parameters: CompositionParameters = .init()
    ) throws -> JointPlan {
        let input = try PlanningInput(
            intents: intents, register: register, catalog: catalog, calendar: calendar, capacities: capacities,
            kinds: kinds)
        // The input is sorted by (entity, end, start), which the sweeps below rely on.
        let grouping = Grouping(input: input, joint: parameters.strategy == .joint)
        var scheduler = Scheduler(input: input)
        scheduler.place(grouping.clusters, members: grouping.members)
        return PlanAssembler(
            input: input, intents: intents, register: register, catalog: catalog, parameters: parameters
        ).assemble(scheduler: scheduler, lowerBound: lowerBound(input, grouping, scheduler))
    }

    /// The lower bound for the intents the plan serves: without unscheduled intents it is the
    /// grouping's count; otherwise it is recomputed without them.
    private static func lowerBound(_ input: PlanningInput, _ grouping: Grouping, _ scheduler: Scheduler) -> Int {
        guard !scheduler.noCapacity.isEmpty else { return grouping.lowerBound }
        var excluded = [Bool](repeating: false, count: input.count)
        for i in scheduler.noCapacity { excluded[Int(i)] = true }
        return Grouping.minimumVisits(input, excluded: excluded)
    }
}
