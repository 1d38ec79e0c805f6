// Conversions of the payload enums to and from their wire numbers; values of later
// versions survive as `.unrecognized(n)`.

extension IntentReason {
    /// The enum's number on the wire (domain.proto).
    public var wireValue: Int {
        switch self {
        case .unspecified: 0
        case .randomDraw: 1
        case .complaint: 2
        case .followUp: 3
        case .reInspection: 4
        case .unrecognized(let value): value
        }
    }

    /// The case for a wire number; unknown numbers give `.unrecognized`.
    public init(wireValue: Int) {
        switch wireValue {
        case 0: self = .unspecified
        case 1: self = .randomDraw
        case 2: self = .complaint
        case 3: self = .followUp
        case 4: self = .reInspection
        default: self = .unrecognized(wireValue)
        }
    }

    init(wire: Jointsupervision_V1_IntentReason) { self.init(wireValue: wire.rawValue) }

    var wire: Jointsupervision_V1_IntentReason { Jointsupervision_V1_IntentReason(rawValue: wireValue) ?? .unspecified }
}

extension SingleVisitReason {
    /// The enum's number on the wire (domain.proto).
    public var wireValue: Int {
        switch self {
        case .unspecified: 0
        case .noPartner: 1
        case .noCommonDate: 2
        case .urgent: 3
        case .declined: 4
        case .unrecognized(let value): value
        }
    }

    /// The case for a wire number; unknown numbers give `.unrecognized`.
    public init(wireValue: Int) {
        switch wireValue {
        case 0: self = .unspecified
        case 1: self = .noPartner
        case 2: self = .noCommonDate
        case 3: self = .urgent
        case 4: self = .declined
        default: self = .unrecognized(wireValue)
        }
    }

    init(wire: Jointsupervision_V1_SingleVisitReason) { self.init(wireValue: wire.rawValue) }

    var wire: Jointsupervision_V1_SingleVisitReason {
        Jointsupervision_V1_SingleVisitReason(rawValue: wireValue) ?? .unspecified
    }
}

extension UnplacedReason {
    /// The enum's number on the wire (domain.proto).
    public var wireValue: Int {
        switch self {
        case .unspecified: 0
        case .noWorkingDay: 1
        case .noCapacity: 2
        case .itemsNotCovered: 3
        case .unrecognized(let value): value
        }
    }

    /// The case for a wire number; unknown numbers give `.unrecognized`.
    public init(wireValue: Int) {
        switch wireValue {
        case 0: self = .unspecified
        case 1: self = .noWorkingDay
        case 2: self = .noCapacity
        case 3: self = .itemsNotCovered
        default: self = .unrecognized(wireValue)
        }
    }

    var wire: Jointsupervision_V1_UnplacedReason {
        Jointsupervision_V1_UnplacedReason(rawValue: wireValue) ?? .unspecified
    }
}

extension VoteDecision {
    /// The enum's number on the wire (domain.proto).
    public var wireValue: Int {
        switch self {
        case .unspecified: 0
        case .accept: 1
        case .decline: 2
        case .unrecognized(let value): value
        }
    }

    /// The case for a wire number; unknown numbers give `.unrecognized`.
    public init(wireValue: Int) {
        switch wireValue {
        case 0: self = .unspecified
        case 1: self = .accept
        case 2: self = .decline
        default: self = .unrecognized(wireValue)
        }
    }

    init(wire: Jointsupervision_V1_VoteDecision) { self.init(wireValue: wire.rawValue) }

    var wire: Jointsupervision_V1_VoteDecision { Jointsupervision_V1_VoteDecision(rawValue: wireValue) ?? .unspecified }
}

extension FindingResult {
    /// The enum's number on the wire (domain.proto).
    public var wireValue: Int {
        switch self {
        case .unspecified: 0
        case .compliant: 1
        case .violation: 2
        case .notApplicable: 3
        case .unrecognized(let value): value
        }
    }

    /// The case for a wire number; unknown numbers give `.unrecognized`.
    public init(wireValue: Int) {
        switch wireValue {
        case 0: self = .unspecified
        case 1: self = .compliant
        case 2: self = .violation
        case 3: self = .notApplicable
        default: self = .unrecognized(wireValue)
        }
    }

    init(wire: Jointsupervision_V1_FindingResult) { self.init(wireValue: wire.rawValue) }

    var wire: Jointsupervision_V1_FindingResult {
        Jointsupervision_V1_FindingResult(rawValue: wireValue) ?? .unspecified
    }
}

extension ReferralStatus {
    /// The enum's number on the wire (domain.proto).
    public var wireValue: Int {
        switch self {
        case .unspecified: 0
        case .accepted: 1
        case .rejected: 2
        case .caseOpened: 3
        case .feedback: 4
        case .noCase: 5
        case .complex: 6
        case .unrecognized(let value): value
        }
    }

    /// The case for a wire number; unknown numbers give `.unrecognized`.
    public init(wireValue: Int) {
        switch wireValue {
        case 0: self = .unspecified
        case 1: self = .accepted
        case 2: self = .rejected
        case 3: self = .caseOpened
        case 4: self = .feedback
        case 5: self = .noCase
        case 6: self = .complex
        default: self = .unrecognized(wireValue)
        }
    }

    init(wire: Jointsupervision_V1_ReferralStatus) { self.init(wireValue: wire.rawValue) }

    var wire: Jointsupervision_V1_ReferralStatus {
        Jointsupervision_V1_ReferralStatus(rawValue: wireValue) ?? .unspecified
    }
}
