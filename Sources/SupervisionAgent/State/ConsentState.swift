/// One participant's consent to a plan version.
public enum ConsentState: String, Hashable, Sendable, Codable, CaseIterable {
    /// The participant accepted this plan hash.
    case accepted
    /// The participant declined this plan hash.
    case declined
    /// No vote on this plan hash yet.
    case pending
}
