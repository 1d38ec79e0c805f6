import Supervision

/// A referral with its service levels as of one day, as `referrals list` prints it.
public struct ReferralView: Hashable, Sendable, Codable {
    /// The referral and its acknowledgements.
    public var referral: ReferralRecord
    /// Its stage.
    public var stage: ReferralStage
    /// The deadlines of its steps under the agent's service levels and working calendar.
    public var deadlines: ReferralDeadlines
    /// The current step's deadline; `nil` when done.
    public var deadline: CivilDate?
    /// Whether the current step's deadline is before the day judged.
    public var overdue: Bool
    /// Working days from the deadline to the day judged when overdue (0 when only rest days
    /// passed); `nil` when on time or done.
    public var workingDaysLate: Int?
    /// Whether the receiver marked the opened case complex (the complex feedback limit applies).
    public var complex: Bool
    /// The day judged.
    public var asOf: CivilDate

    /// The view of `referral` as of `today`.
    public init(_ referral: ReferralRecord, asOf today: CivilDate, levels: ServiceLevels, calendar: WorkingCalendar) {
        self.referral = referral
        stage = referral.stage
        deadlines = referral.lifecycle.deadlines(levels: levels, calendar: calendar)
        deadline = deadlines.deadline(of: stage)
        workingDaysLate = referral.lifecycle.workingDaysLate(asOf: today, levels: levels, calendar: calendar)
        overdue = workingDaysLate != nil
        complex = referral.lifecycle.isComplex
        asOf = today
    }
}
