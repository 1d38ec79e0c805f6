/// A finding passed to the department responsible for it (线索移送); kind `"referral"`
/// (`Referral` in domain.proto).
public struct ReferralPayload: EventPayload {
    /// `"referral"`.
    public static let kind = EventKind.referral

    /// Id unique within the referring department's log.
    public var referralId: String
    /// Department id of the referring department.
    public var fromDepartment: String
    /// Department id of the responsible department.
    public var toDepartment: String
    /// The `"finding"` event referred.
    public var finding: EventRef?
    /// Category of the matter (the finding item's category), e.g. `fire-safety`.
    public var category: String
    /// Date by which the receiver should accept or reject, `YYYY-MM-DD`.
    public var acceptDue: String
    /// Date by which the receiver should decide on a case.
    public var decisionDue: String
    /// Date by which the receiver should report back.
    public var feedbackDue: String

    /// Makes a referral.
    public init(
        referralId: String, fromDepartment: String, toDepartment: String, finding: EventRef?, category: String,
        acceptDue: String = "", decisionDue: String = "", feedbackDue: String = ""
    ) {
        self.referralId = referralId
        self.fromDepartment = fromDepartment
        self.toDepartment = toDepartment
        self.finding = finding
        self.category = category
        self.acceptDue = acceptDue
        self.decisionDue = decisionDue
        self.feedbackDue = feedbackDue
    }
}
