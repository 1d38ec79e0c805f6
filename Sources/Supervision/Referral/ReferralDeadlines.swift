/// The deadlines of a referral's steps.
public struct ReferralDeadlines: Hashable, Sendable, Codable {
    /// Accept or reject by.
    public var acceptBy: CivilDate
    /// Decide by.
    public var decideBy: CivilDate
    /// Report a decision not to open a case by.
    public var reportBy: CivilDate
    /// Report the handling result of an opened case by (general or complex limit); `nil` until a
    /// case is opened.
    public var feedbackBy: CivilDate?

    /// The deadline of `stage`'s step; `nil` for a referral that is done.
    public func deadline(of stage: ReferralStage) -> CivilDate? {
        switch stage {
        case .awaitingAcceptance: acceptBy
        case .awaitingDecision: decideBy
        case .awaitingReport: reportBy
        case .awaitingFeedback: feedbackBy
        case .closed, .rejected: nil
        }
    }
}
