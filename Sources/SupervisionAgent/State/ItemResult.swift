import Supervision

/// What a finding found for its checklist item. Raw values are the wire codes `jointctl` and
/// JSON use.
public enum ItemResult: String, Hashable, Sendable, Codable, CaseIterable {
    /// Meets the requirement.
    case compliant
    /// Does not meet it.
    case violation
    /// Does not apply to this entity.
    case notApplicable = "not-applicable"

    /// The domain's result.
    public var domain: Supervision.FindingResult {
        switch self {
        case .compliant: .compliant
        case .violation: .violation
        case .notApplicable: .notApplicable
        }
    }
}
