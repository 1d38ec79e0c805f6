/// The receiver's steps on a referral (线索移送) and their days: accept or reject, decide whether
/// to open a case, mark an opened case complex, report back. Each step is allowed in one stage
/// only and never dated before the step it follows; a refused step changes nothing.
public struct ReferralLifecycle: Hashable, Sendable, Codable {
    /// Day sent.
    public let sent: CivilDate
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
    /// Day the opened case was marked complex (复杂): its feedback limit is the complex one.
    public private(set) var markedComplex: CivilDate?
    /// Day reported back to the sender.
    public private(set) var reported: CivilDate?

    /// A referral sent on `sent`.
    public init(sent: CivilDate) { self.sent = sent }

    /// Whether the opened case is complex.
    public var isComplex: Bool { markedComplex != nil }

    /// The current stage.
    public var stage: ReferralStage {
        if rejected != nil { return .rejected }
        if reported != nil { return .closed }
        if decided != nil { return caseOpened == true ? .awaitingFeedback : .awaitingReport }
        if accepted != nil { return .awaitingDecision }
        return .awaitingAcceptance
    }

    /// The day of the latest step (the day sent before any).
    public var lastStepDay: CivilDate {
        [sent, accepted, rejected, decided, markedComplex, reported].compactMap { $0 }.max() ?? sent
    }

    private func check(_ expected: Set<ReferralStage>, _ day: CivilDate, _ what: String) throws {
        guard expected.contains(stage) else {
            throw SupervisionError(.invalidTransition, "a referral cannot be \(what) while \(stage.rawValue)")
        }
        guard day >= lastStepDay else {
            throw SupervisionError(
                .invalidTransition, "a referral cannot be \(what) on \(day), before its last step on \(lastStepDay)")
        }
    }

    /// Records acceptance.
    public mutating func accept(on day: CivilDate) throws {
        try check([.awaitingAcceptance], day, "accepted")
        accepted = day
    }

    /// Records rejection with a reason.
    public mutating func reject(on day: CivilDate, reason: String) throws {
        try check([.awaitingAcceptance], day, "rejected")
        rejected = day
        rejectionReason = reason
    }

    /// Records the decision on opening a case.
    public mutating func decide(on day: CivilDate, openCase: Bool) throws {
        try check([.awaitingDecision], day, "decided")
        decided = day
        caseOpened = openCase
    }

    /// Marks the opened case complex: its handling result is due within the complex limit.
    public mutating func markComplex(on day: CivilDate) throws {
        try check([.awaitingFeedback], day, "marked complex")
        guard markedComplex == nil else {
            throw SupervisionError(.invalidTransition, "a referral's case is already marked complex")
        }
        markedComplex = day
    }

    /// Records the report back to the sender (the decision not to open a case, or the handling result of the case).
    public mutating func report(on day: CivilDate) throws {
        try check([.awaitingReport, .awaitingFeedback], day, "reported")
        reported = day
    }

    /// Deadlines: accept by `sent + accept`, decide by `(accepted or acceptBy) + decide`, report
    /// by `(decided or decideBy) + report`, in working days of `calendar`; feedback on an opened
    /// case by `decided + general` (or `+ complex` once marked complex) calendar days.
    public func deadlines(levels: ServiceLevels = .default, calendar: WorkingCalendar) -> ReferralDeadlines {
        let acceptBy = calendar.adding(workingDays: levels.acceptWorkingDays, to: sent)
        let decideBy = calendar.adding(workingDays: levels.decideWorkingDays, to: accepted ?? acceptBy)
        let reportBy = calendar.adding(workingDays: levels.reportWorkingDays, to: decided ?? decideBy)
        let feedbackBy = decided.flatMap { day in
            caseOpened == true
                ? day.adding(days: isComplex ? levels.complexFeedbackDays : levels.generalFeedbackDays) : nil
        }
        return ReferralDeadlines(acceptBy: acceptBy, decideBy: decideBy, reportBy: reportBy, feedbackBy: feedbackBy)
    }

    /// The deadline of the current step; `nil` when the referral is done.
    public func currentDeadline(levels: ServiceLevels = .default, calendar: WorkingCalendar) -> CivilDate? {
        deadlines(levels: levels, calendar: calendar).deadline(of: stage)
    }

    /// Working days from the current step's deadline to `today` when `today` is after it (0 when
    /// only rest days have passed); `nil` when on time or done.
    public func workingDaysLate(asOf today: CivilDate, levels: ServiceLevels = .default, calendar: WorkingCalendar)
        -> Int?
    {
        guard let deadline = currentDeadline(levels: levels, calendar: calendar), today > deadline else { return nil }
        return calendar.workingDays(from: deadline, to: today)
    }
}
