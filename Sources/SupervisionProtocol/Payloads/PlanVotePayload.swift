/// A participating department accepts or declines a plan version; kind `"plan.vote"`
/// (`PlanVote` in domain.proto).
public struct PlanVotePayload: EventPayload {
    /// `"plan.vote"`.
    public static let kind = EventKind.planVote

    /// The plan voted on.
    public var planId: String
    /// The version voted on.
    public var version: UInt32
    /// The voted version's plan hash; a vote naming another hash does not count.
    public var planHash: Hash256
    /// Accept or decline.
    public var decision: VoteDecision
    /// Why, for a decline (no personal data).
    public var reason: String

    /// Makes a vote.
    public init(planId: String, version: UInt32, planHash: Hash256, decision: VoteDecision, reason: String = "") {
        self.planId = planId
        self.version = version
        self.planHash = planHash
        self.decision = decision
        self.reason = reason
    }
}

/// A vote's decision (`VoteDecision` in domain.proto).
public enum VoteDecision: Hashable, Sendable {
    /// Not set (0).
    case unspecified
    /// The department accepts the plan version.
    case accept
    /// The department declines it, giving a reason.
    case decline
    /// A value of a later version, kept as its number.
    case unrecognized(Int)
}
