/// Where a plan version stands, from its participants' consent.
public enum PlanState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Every participant accepted this plan hash.
    case agreed
    /// A participant declined it.
    case declined
    /// Some participant has not voted on it yet.
    case pending

    /// The state of a plan whose participants gave `consent`.
    public init(consent: [ConsentState]) {
        if consent.contains(.declined) {
            self = .declined
        } else {
            self = consent.allSatisfy { $0 == .accepted } ? .agreed : .pending
        }
    }
}
