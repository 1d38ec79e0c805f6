import Supervision

/// The body of a `summary` reply.
public struct SummaryReply: Hashable, Sendable, Codable {
    /// This department.
    public var department: String
    /// `auto` or `manual`.
    public var consentPolicy: String
    /// Where the department's data came from.
    public var dataSource: String
    /// Entities in the register, and this department's inspectors.
    public var entities: Int
    /// Inspectors on the roster.
    public var inspectors: Int
    /// Highest seq folded per origin.
    public var heads: [String: UInt64]
    /// Draws, intents, plan versions, findings, referrals, outcomes, assignments folded.
    public var counts: [String: Int]
    /// Acknowledgements the fold refused, per ``FoldRefusal`` raw value (absent when none).
    public var refused: [String: Int]
    /// ``SupervisionState/digest``.
    public var digest: String
    /// The catalog version in force.
    public var catalogVersion: Int
    /// `catalog` events refused (bad signature, invalid document) since the agent started.
    public var catalogsRefused: Int
    /// This agent's department kind (its membership entry's `kind`, else its id).
    public var kind: String? = nil
    /// This agent's jurisdiction: `""` for the city, `pudong`, `pudong/lujiazui`.
    public var jurisdiction: String? = nil
}

/// The body of a `draw` reply.
public struct DrawReply: Hashable, Sendable, Codable {
    /// The `draw` event.
    public var draw: DrawRecord
    /// Targets per risk class (D, C, B, A).
    public var tallies: [String: Int]
    /// The intents appended, one per target.
    public var intents: [EventReference]
    /// Targets with too few eligible inspectors after recusal (their visits will be reported
    /// unstaffed unless the roster changes before the plan is agreed).
    public var unstaffed: [String] = []
}

/// The body of a `verify` reply.
public struct VerifyReply: Hashable, Sendable, Codable {
    /// The published record.
    public var draw: DrawRecord
    /// The digest recomputed from the seed.
    public var recomputedHash: String
    /// Whether it matches.
    public var matches: Bool
    /// Whether this agent's current register, for the drawing department, differs from the
    /// snapshot the draw used; `nil` when this agent holds no register rated by that department.
    public var registerChanged: Bool?
    /// Whether the drawing department's current roster differs from the snapshot; `nil` when
    /// this agent is not that department (it does not hold the roster itself).
    public var rosterChanged: Bool?
    /// What the re-run used, e.g. that a record without snapshot hashes ran against current data.
    public var note: String?
}

/// The body of a `snapshot-export` or `snapshot-import` reply.
public struct SnapshotReply: Hashable, Sendable, Codable {
    /// `register` or `roster`.
    public var kind: String
    /// The department whose snapshot it is.
    public var department: String
    /// Hex SHA-256 of the canonical encoding.
    public var hash: String
    /// The canonical encoding (export only).
    public var content: String?
}

/// The body of a `disclose` reply: the three open-data tables as CSV.
public struct DiscloseReply: Hashable, Sendable, Codable {
    /// `businesses.csv`.
    public var businesses: String
    /// `inspections.csv`.
    public var inspections: String
    /// `violations.csv`.
    public var violations: String
    /// The same rows as JSON, with what is withheld until decided (schema: docs/Supervision.md,
    /// "Disclosure tables").
    public var tables: DisclosureTables
    /// Findings this agent holds only as withheld stubs (data rights): not in the tables.
    public var withheldFindings: Int
}

/// The body of a `finding` reply: the events appended.
public struct FindingReply: Hashable, Sendable, Codable {
    /// The finding.
    public var finding: FindingRecord
    /// The department kind responsible for the item (a referral names the agent of that kind).
    public var responsible: String
    /// The referral, if the finding is in another department's remit.
    public var referral: ReferralRecord?
    /// The outcome, if this department decided one.
    public var outcome: OutcomeRecord?
    /// The re-inspection intent of a no-penalty outcome.
    public var reInspection: IntentRecord?
}

/// One register row of an `entities` reply.
public struct EntityRow: Hashable, Sendable, Codable {
    /// Credit code.
    public var code: String
    /// Name.
    public var name: String
    /// Industry.
    public var industry: String
    /// District.
    public var district: String
    /// Risk class per department.
    public var riskClasses: [String: String]
}

/// One row of an `assignments` reply: an assignment, its visit's entity, and whether this agent
/// re-ran its inspector draw.
public struct AssignmentView: Hashable, Sendable, Codable {
    /// The assignment as folded.
    public var assignment: AssignmentRecord
    /// The visit's entity.
    public var entity: String
    /// Whether re-running the inspector draw (its seed, the plan's period, the roster snapshot it
    /// names, as many slots as it assigned) gives the same inspectors; `nil` when it cannot be
    /// re-run here (no roster snapshot with that hash, or an unstaffed or older assignment).
    public var reproduced: Bool?
}
