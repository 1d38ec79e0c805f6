/// What an outcome decided for a violation.
public enum OutcomeDecision: String, Hashable, Sendable, Codable, CaseIterable {
    /// No penalty (免罚): a reminder or commitment, a correction deadline, a re-inspection.
    case noPenalty = "no-penalty"
    /// The normal enforcement path (a case).
    case enforcement
    /// A decision of a later protocol version.
    case unknown
}
