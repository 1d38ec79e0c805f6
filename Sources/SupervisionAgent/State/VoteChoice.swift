/// A department's decision on one plan version (`plan.vote`).
public enum VoteChoice: String, Hashable, Sendable, Codable, CaseIterable {
    /// The department accepts the plan.
    case accept
    /// The department declines it, with a reason.
    case decline
}
