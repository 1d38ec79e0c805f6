/// The receiving department's answer to a referral; kind `"referral.ack"` (`ReferralAck`
/// in domain.proto). A referral gets several over its life.
public struct ReferralAckPayload: EventPayload {
    /// `"referral.ack"`.
    public static let kind = EventKind.referralAck

    /// The referral answered.
    public var referralId: String
    /// The new status.
    public var status: ReferralStatus
    /// Free text, no personal data.
    public var note: String
    /// The `"referral"` event answered.
    public var referral: EventRef?

    /// Makes an acknowledgement.
    public init(referralId: String, status: ReferralStatus, note: String = "", referral: EventRef? = nil) {
        self.referralId = referralId
        self.status = status
        self.note = note
        self.referral = referral
    }
}

/// The status a referral acknowledgement reports (`ReferralStatus` in domain.proto).
public enum ReferralStatus: Hashable, Sendable {
    /// Not set (0).
    case unspecified
    /// The receiver accepts the referral.
    case accepted
    /// The receiver rejects it.
    case rejected
    /// The receiver opened a case.
    case caseOpened
    /// Final feedback to the referring department: the decision not to open a case, or the
    /// handling result of the opened case.
    case feedback
    /// The receiver decided not to open a case (feedback follows).
    case noCase
    /// The opened case is complex (复杂): its handling result is due within the complex limit.
    case complex
    /// A value of a later version, kept as its number.
    case unrecognized(Int)
}
