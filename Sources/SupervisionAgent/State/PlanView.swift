import SupervisionProtocol

/// One participant's consent to a plan version.
public struct Consent: Hashable, Sendable, Codable {
    /// Department id.
    public var department: String
    /// Accepted, declined or pending.
    public var state: ConsentState
    /// The reason of a decline.
    public var reason: String?
    /// What a decline asks the lead to change.
    public var decline: DeclineDetail?
}

/// A plan version with its consent state, as `plan list` and `plan show` print it.
public struct PlanView: Hashable, Sendable, Codable {
    /// The proposal.
    public var plan: PlanVersionRecord
    /// Consent of every participant, sorted by department.
    public var consent: [Consent]
    /// Agreed (every participant accepted this hash), declined (someone declined) or pending.
    public var state: PlanState
    /// Whether a later version of the same plan exists.
    public var superseded: Bool
    /// The plan of another lead for the same period that covers some of the same intents and
    /// stands instead of this one (one plan per period; `nil`: none).
    public var outcompetedBy: String?

    /// Intents served by the plan.
    public var intentCount: Int { plan.visits.reduce(0) { $0 + $1.intents.count } }
    /// Visits in the plan.
    public var visitCount: Int { plan.visits.count }
    /// Visits saved against one visit per intent.
    public var visitsSaved: Int { intentCount - visitCount }
}
