/// A finding passed to the department responsible for it (线索移送), with its life cycle
/// (``ReferralLifecycle``).
public struct Referral: Hashable, Sendable, Codable {
    /// The finding referred.
    public var finding: FindingID
    /// The entity.
    public var entity: CreditCode
    /// The item.
    public var item: ChecklistItemID
    /// The item's category (the routing key).
    public var category: ItemCategory
    /// Sending department.
    public var from: DepartmentID
    /// Receiving (responsible) department.
    public var to: DepartmentID
    /// The receiver's steps and their days.
    public private(set) var lifecycle: ReferralLifecycle

    /// Creates a sent referral.
    public init(
        finding: FindingID, entity: CreditCode, item: ChecklistItemID, category: ItemCategory, from: DepartmentID,
        to: DepartmentID, sent: CivilDate
    ) {
        self.finding = finding
        self.entity = entity
        self.item = item
        self.category = category
        self.from = from
        self.to = to
        self.lifecycle = ReferralLifecycle(sent: sent)
    }

    /// Day sent.
    public var sent: CivilDate { lifecycle.sent }
    /// Day accepted.
    public var accepted: CivilDate? { lifecycle.accepted }
    /// Day rejected.
    public var rejected: CivilDate? { lifecycle.rejected }
    /// Why rejected.
    public var rejectionReason: String? { lifecycle.rejectionReason }
    /// Day the case decision was made.
    public var decided: CivilDate? { lifecycle.decided }
    /// Whether a case was opened.
    public var caseOpened: Bool? { lifecycle.caseOpened }
    /// Day reported back to the sender.
    public var reported: CivilDate? { lifecycle.reported }
    /// The current stage.
    public var stage: ReferralStage { lifecycle.stage }

    /// Records acceptance (``ReferralLifecycle/accept(on:)``).
    public mutating func accept(on day: CivilDate) throws { try lifecycle.accept(on: day) }

    /// Records rejection with a reason (``ReferralLifecycle/reject(on:reason:)``).
    public mutating func reject(on day: CivilDate, reason: String) throws {
        try lifecycle.reject(on: day, reason: reason)
    }

    /// Records the decision on opening a case (``ReferralLifecycle/decide(on:openCase:)``).
    public mutating func decide(on day: CivilDate, openCase: Bool) throws {
        try lifecycle.decide(on: day, openCase: openCase)
    }

    /// Marks the opened case complex (``ReferralLifecycle/markComplex(on:)``).
    public mutating func markComplex(on day: CivilDate) throws { try lifecycle.markComplex(on: day) }

    /// Records the report back to the sender (``ReferralLifecycle/report(on:)``).
    public mutating func report(on day: CivilDate) throws { try lifecycle.report(on: day) }

    /// The deadlines of ``ReferralLifecycle/deadlines(levels:calendar:)``.
    public func deadlines(levels: ServiceLevels = .default, calendar: WorkingCalendar) -> ReferralDeadlines {
        lifecycle.deadlines(levels: levels, calendar: calendar)
    }

    /// If the current step's deadline is before `today`, how late it is; `nil` if on time or done.
    public func overdue(asOf today: CivilDate, levels: ServiceLevels = .default, calendar: WorkingCalendar)
        -> OverdueReferral?
    {
        guard let late = lifecycle.workingDaysLate(asOf: today, levels: levels, calendar: calendar),
            let deadline = lifecycle.currentDeadline(levels: levels, calendar: calendar)
        else { return nil }
        return OverdueReferral(finding: finding, to: to, stage: stage, deadline: deadline, workingDaysLate: late)
    }

    /// Every overdue referral of `referrals` as of `today`, most late first (then by finding id).
    public static func overdue(
        _ referrals: [Referral], asOf today: CivilDate, levels: ServiceLevels = .default, calendar: WorkingCalendar
    ) -> [OverdueReferral] {
        referrals.compactMap { $0.overdue(asOf: today, levels: levels, calendar: calendar) }
            .sorted { $0.deadline != $1.deadline ? $0.deadline < $1.deadline : $0.finding < $1.finding }
    }
}
