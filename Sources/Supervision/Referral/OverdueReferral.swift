/// A referral that missed its current step's deadline.
public struct OverdueReferral: Hashable, Sendable, Codable {
    /// The referral's finding.
    public var finding: FindingID
    /// The receiving department.
    public var to: DepartmentID
    /// The step that is late.
    public var stage: ReferralStage
    /// Its deadline.
    public var deadline: CivilDate
    /// Working days after the deadline up to "today" (0 when only rest days have passed).
    public var workingDaysLate: Int
}
