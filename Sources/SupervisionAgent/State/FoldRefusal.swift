/// Why the fold refused an event that names a state change (it changes nothing and is counted in
/// ``SupervisionState/refused``). Raw values are stable names for counters and JSON.
public enum FoldRefusal: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// An acknowledgement by a department that is not the referral's recipient.
    case notRecipient = "not-recipient"
    /// An acknowledgement with a status this agent does not know (a later protocol version).
    case unknownStatus = "unknown-status"
    /// An acknowledgement after the referral was rejected.
    case afterRejection = "after-rejection"
    /// An acknowledgement after the referral's feedback (it is closed).
    case afterFeedback = "after-feedback"
    /// The same status as the referral's current one again.
    case repeated
    /// A status the referral's current stage does not allow (e.g. `feedback` before `accepted`).
    case outOfOrder = "out-of-order"

    /// Orders by raw value.
    public static func < (lhs: FoldRefusal, rhs: FoldRefusal) -> Bool { lhs.rawValue < rhs.rawValue }
}
