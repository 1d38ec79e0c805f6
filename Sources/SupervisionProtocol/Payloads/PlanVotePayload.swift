/// A participating department accepts or declines a plan version; kind `"plan.vote"`
/// (`PlanVote` in domain.proto).
public struct PlanVotePayload: EventPayload {
    /// `"plan.vote"`.
    public static let kind = EventKind.planVote

    /// The plan voted on.
    public var planId: String
    /// The version voted on.
    public var version: UInt32
    /// The voted version's plan hash; a vote naming another hash does not count.
    public var planHash: Hash256
    /// Accept or decline.
    public var decision: VoteDecision
    /// Why, for a decline (no personal data).
    public var reason: String
    /// What a decline asks the lead to change.
    public var decline: DeclineDetail

    /// Makes a vote.
    public init(
        planId: String, version: UInt32, planHash: Hash256, decision: VoteDecision, reason: String = "",
        decline: DeclineDetail = DeclineDetail()
    ) {
        self.planId = planId
        self.version = version
        self.planHash = planHash
        self.decision = decision
        self.reason = reason
        self.decline = decline
    }
}

/// What a participant needs changed before it can accept a plan version (`DeclineDetail`).
public struct DeclineDetail: Hashable, Sendable, Codable {
    /// Its inspectors available for the period (0: not stated).
    public var inspectors: UInt32
    /// Visits one of its inspectors can do per working day (0: not stated).
    public var visitsPerInspectorPerDay: UInt32
    /// Days it cannot take part in visits, `YYYY-MM-DD`.
    public var unavailableDates: [String]
    /// Checklist items it cannot check in this period.
    public var itemsNotCovered: [String]
    /// The catalog version it lacks (0: none).
    public var missingCatalogVersion: UInt64

    /// Makes a detail (all fields default to "not stated").
    public init(
        inspectors: UInt32 = 0, visitsPerInspectorPerDay: UInt32 = 0, unavailableDates: [String] = [],
        itemsNotCovered: [String] = [], missingCatalogVersion: UInt64 = 0
    ) {
        self.inspectors = inspectors
        self.visitsPerInspectorPerDay = visitsPerInspectorPerDay
        self.unavailableDates = unavailableDates
        self.itemsNotCovered = itemsNotCovered
        self.missingCatalogVersion = missingCatalogVersion
    }

    /// Whether nothing is stated.
    public var isEmpty: Bool { self == DeclineDetail() }
}

/// A vote's decision (`VoteDecision` in domain.proto).
public enum VoteDecision: Hashable, Sendable {
    /// Not set (0).
    case unspecified
    /// The department accepts the plan version.
    case accept
    /// The department declines it, giving a reason.
    case decline
    /// A value of a later version, kept as its number.
    case unrecognized(Int)
}
