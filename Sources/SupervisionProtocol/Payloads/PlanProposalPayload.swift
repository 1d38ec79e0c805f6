/// A version of a joint inspection plan; kind `"plan.proposal"` (`PlanProposal` in
/// domain.proto).
public struct PlanProposalPayload: EventPayload {
    /// `"plan.proposal"`.
    public static let kind = EventKind.planProposal

    /// Stable id of the plan across versions.
    public var planId: String
    /// 1 for the first proposal, +1 for every revision.
    public var version: UInt32
    /// SHA-256 of the plan's canonical form (defined by the domain layer).
    public var planHash: Hash256
    /// The planning period, e.g. `2026-Q3`.
    public var period: String
    /// The joint visits.
    public var inspections: [JointInspection]
    /// The visits by one department alone.
    public var singleVisits: [SingleVisit]
    /// The catalog version the plan was composed under (0: not given).
    public var catalogVersion: UInt64
    /// The intents without a visit, with the reason.
    public var unplaced: [UnplacedIntent]

    /// Makes a proposal.
    public init(
        planId: String, version: UInt32, planHash: Hash256, period: String, inspections: [JointInspection],
        singleVisits: [SingleVisit], catalogVersion: UInt64 = 0, unplaced: [UnplacedIntent] = []
    ) {
        self.planId = planId
        self.version = version
        self.planHash = planHash
        self.period = period
        self.inspections = inspections
        self.singleVisits = singleVisits
        self.catalogVersion = catalogVersion
        self.unplaced = unplaced
    }
}
