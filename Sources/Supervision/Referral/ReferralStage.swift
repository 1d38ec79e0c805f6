/// Where a referral stands.
public enum ReferralStage: String, Hashable, Sendable, Codable, CaseIterable {
    /// Sent, not yet accepted or rejected.
    case awaitingAcceptance
    /// Accepted, no decision on opening a case yet.
    case awaitingDecision
    /// Decided not to open a case, not yet reported back.
    case awaitingReport
    /// A case was opened: its handling result is due within the general or complex feedback limit.
    case awaitingFeedback
    /// Reported back: done.
    case closed
    /// Rejected by the receiver: done.
    case rejected

    /// Whether the referral needs nothing more.
    public var isDone: Bool { self == .closed || self == .rejected }
}
