/// Where a referral stands.
public enum ReferralStage: String, Hashable, Sendable, Codable, CaseIterable {
    /// Sent, not yet accepted or rejected.
    case awaitingAcceptance
    /// Accepted, no decision on opening a case yet.
    case awaitingDecision
    /// Decided, not yet reported back.
    case awaitingReport
    /// Reported back: done.
    case closed
    /// Rejected by the receiver: done.
    case rejected
}

/// The deadlines of a referral's steps.
public struct ReferralDeadlines: Hashable, Sendable, Codable {
    /// Accept or reject by.
    public var acceptBy: CivilDate
    /// Decide by.
    public var decideBy: CivilDate
    /// Report back by.
    public var reportBy: CivilDate
}

/// A referral that missed its current step's deadline.
public struct OverdueReferral: Hashable, Sendable, Codable {
    /// The referral's finding.
    public var finding: FindingID
    /// The receiving department.
    public var to: DepartmentID
    /// The step that is late.
    public var stage: ReferralStage
    /// Its deadline.
    public var deadline: CivilDate
    /// Working days after the deadline up to "today" (0 when only rest days have passed).
    public var workingDaysLate: Int
}

/// A finding passed to the department responsible for it (线索移送), with its life cycle.
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
    /// Day sent.
    public var sent: CivilDate
    /// Day accepted.
    public private(set) var accepted: CivilDate?
    /// Day rejected.
    public private(set) var rejected: CivilDate?
    /// Why rejected.
    public private(set) var rejectionReason: String?
    /// Day the case decision was made.
    public private(set) var decided: CivilDate?
    /// Whether a case was opened.
    public private(set) var caseOpened: Bool?
    /// Day reported back to the sender.
    public private(set) var reported: CivilDate?

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
        self.sent = sent
    }

    /// The current stage.
    public var stage: ReferralStage {
        if rejected != nil { return .rejected }
        if reported != nil { return .closed }
        if decided != nil { return .awaitingReport }
        if accepted != nil { return .awaitingDecision }
        return .awaitingAcceptance
    }

    private func check(_ expected: ReferralStage, _ day: CivilDate, after previous: CivilDate, _ what: String) throws {
        guard stage == expected else {
            throw SupervisionError(
                .invalidTransition, "referral of \(finding) cannot be \(what) while \(stage.rawValue)")
        }
        guard day >= previous else {
            throw SupervisionError(
                .invalidTransition, "referral of \(finding) cannot be \(what) on \(day), before \(previous)")
        }
    }

    /// Records acceptance.
    public mutating func accept(on day: CivilDate) throws {
        try check(.awaitingAcceptance, day, after: sent, "accepted")
        accepted = day
    }

    /// Records rejection with a reason.
    public mutating func reject(on day: CivilDate, reason: String) throws {
        try check(.awaitingAcceptance, day, after: sent, "rejected")
        rejected = day
        rejectionReason = reason
    }

    /// Records the decision on opening a case.
    public mutating func decide(on day: CivilDate, openCase: Bool) throws {
        try check(.awaitingDecision, day, after: accepted ?? sent, "decided")
        decided = day
        caseOpened = openCase
    }

    /// Records the report back to the sender.
    public mutating func report(on day: CivilDate) throws {
        try check(.awaitingReport, day, after: decided ?? sent, "reported")
        reported = day
    }

    /// Deadlines: accept by `sent + accept`, decide by `(accepted or acceptBy) + decide`,
    /// report by `(decided or decideBy) + report`, in working days of `calendar`.
    public func deadlines(levels: ServiceLevels = .default, calendar: WorkingCalendar) -> ReferralDeadlines {
        let acceptBy = calendar.adding(workingDays: levels.acceptWorkingDays, to: sent)
        let decideBy = calendar.adding(workingDays: levels.decideWorkingDays, to: accepted ?? acceptBy)
        let reportBy = calendar.adding(workingDays: levels.reportWorkingDays, to: decided ?? decideBy)
        return ReferralDeadlines(acceptBy: acceptBy, decideBy: decideBy, reportBy: reportBy)
    }

    /// If the current step's deadline is before `today`, how late it is; `nil` if on time or done.
    public func overdue(asOf today: CivilDate, levels: ServiceLevels = .default, calendar: WorkingCalendar)
        -> OverdueReferral?
    {
        let d = deadlines(levels: levels, calendar: calendar)
        let deadline: CivilDate
        switch stage {
        case .awaitingAcceptance: deadline = d.acceptBy
        case .awaitingDecision: deadline = d.decideBy
        case .awaitingReport: deadline = d.reportBy
        case .closed, .rejected: return nil
        }
        guard today > deadline else { return nil }
        return OverdueReferral(
            finding: finding, to: to, stage: stage, deadline: deadline,
            workingDaysLate: calendar.workingDays(from: deadline, to: today))
    }

    /// Every overdue referral of `referrals` as of `today`, most late first (then by finding id).
    public static func overdue(
        _ referrals: [Referral], asOf today: CivilDate, levels: ServiceLevels = .default, calendar: WorkingCalendar
    ) -> [OverdueReferral] {
        referrals.compactMap { $0.overdue(asOf: today, levels: levels, calendar: calendar) }
            .sorted { $0.deadline != $1.deadline ? $0.deadline < $1.deadline : $0.finding < $1.finding }
    }
}
