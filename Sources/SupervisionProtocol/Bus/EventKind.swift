/// The kind of an event's payload: a dotted name such as `"intent"` or `"plan.proposal"`.
///
/// Any syntactically valid kind travels (`[a-z0-9.-]{1,64}`); kinds this version does not
/// know are stored and relayed but not interpreted. The known kinds and their payload
/// messages are listed in `Protocols/jointsupervision/v1/domain.proto`.
public struct EventKind: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The kind's name.
    public var rawValue: String

    /// Wraps a name (not validated here; decoding validates).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a literal name.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The name.
    public var description: String { rawValue }

    /// ``IntentPayload``.
    public static let intent: EventKind = "intent"
    /// ``DrawRecordPayload``.
    public static let draw: EventKind = "draw"
    /// ``PlanProposalPayload``.
    public static let planProposal: EventKind = "plan.proposal"
    /// ``PlanVotePayload``.
    public static let planVote: EventKind = "plan.vote"
    /// ``InspectorAssignmentPayload``.
    public static let assignment: EventKind = "assignment"
    /// ``FindingPayload``.
    public static let finding: EventKind = "finding"
    /// ``ReferralPayload``.
    public static let referral: EventKind = "referral"
    /// ``ReferralAckPayload``.
    public static let referralAck: EventKind = "referral.ack"
    /// ``OutcomePayload``.
    public static let outcome: EventKind = "outcome"
    /// A JSMD1 signed membership document (JSON; spec section "Security"), not ``MembershipPayload``.
    public static let membership: EventKind = "membership"
    /// A JSCD1 signed catalog document (JSON; Protocols/spec/2-JSC.md).
    public static let catalog: EventKind = "catalog"
    /// ``TestPayload``: opaque bytes for bus tests and benchmarks.
    public static let test: EventKind = "test"
}
