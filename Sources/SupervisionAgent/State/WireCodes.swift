import SupervisionProtocol

extension IntentReason {
    /// A short stable name: `random`, `complaint`, `follow-up`, `re-inspection`.
    public var code: String {
        switch self {
        case .unspecified: "unspecified"
        case .randomDraw: "random"
        case .complaint: "complaint"
        case .followUp: "follow-up"
        case .reInspection: "re-inspection"
        case .unrecognized(let n): "unrecognized-\(n)"
        }
    }
}

extension FindingResult {
    /// `compliant`, `violation`, `not-applicable`.
    public var code: String {
        switch self {
        case .unspecified: "unspecified"
        case .compliant: "compliant"
        case .violation: "violation"
        case .notApplicable: "not-applicable"
        case .unrecognized(let n): "unrecognized-\(n)"
        }
    }

    /// Parses ``code``.
    public init?(code: String) {
        switch code {
        case "compliant": self = .compliant
        case "violation": self = .violation
        case "not-applicable": self = .notApplicable
        default: return nil
        }
    }
}

extension ReferralStatus {
    /// `accepted`, `rejected`, `case-opened`, `feedback`.
    public var code: String {
        switch self {
        case .unspecified: "unspecified"
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .caseOpened: "case-opened"
        case .feedback: "feedback"
        case .unrecognized(let n): "unrecognized-\(n)"
        }
    }

    /// Parses ``code``.
    public init?(code: String) {
        switch code {
        case "accepted": self = .accepted
        case "rejected": self = .rejected
        case "case-opened": self = .caseOpened
        case "feedback": self = .feedback
        default: return nil
        }
    }
}

extension SingleVisitReason {
    /// `no-partner`, `no-common-date`, `urgent`, `declined`.
    public var code: String {
        switch self {
        case .unspecified: "unspecified"
        case .noPartner: "no-partner"
        case .noCommonDate: "no-common-date"
        case .urgent: "urgent"
        case .declined: "declined"
        case .unrecognized(let n): "unrecognized-\(n)"
        }
    }
}
