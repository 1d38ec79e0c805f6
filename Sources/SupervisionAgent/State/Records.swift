import Supervision
import SupervisionProtocol

/// A published draw as the fold sees it.
public struct DrawRecord: Hashable, Sendable, Codable {
    /// The `draw` event.
    public var ref: EventReference
    /// The drawing department.
    public var department: String
    /// The period label.
    public var period: String
    /// The published seed.
    public var seed: String
    /// The draw algorithm's version.
    public var algorithmVersion: String
    /// Hex digest of the drawn targets.
    public var resultHash: String
    /// Number of targets.
    public var targetCount: Int
    /// Hex SHA-256 of the register snapshot drawn from (`nil` for records made before snapshots).
    public var registerHash: String?
    /// Hex SHA-256 of the roster snapshot drawn from (`nil` for records made before snapshots).
    public var rosterHash: String?
    /// The catalog version whose prorated draw rates were used (0: the default rates, unprorated).
    public var catalogVersion: Int
}

/// An intent as the fold sees it.
public struct IntentRecord: Hashable, Sendable, Codable {
    /// The `intent` event (its seq is the intent's sequence number).
    public var ref: EventReference
    /// Unified social credit code.
    public var entity: String
    /// First day.
    public var windowStart: CivilDate
    /// Last day.
    public var windowEnd: CivilDate
    /// Checklist items.
    public var itemIds: [String]
    /// `random`, `complaint`, `follow-up`, `re-inspection`.
    public var reason: String
    /// The draw's period, when drawn.
    public var period: String?
}

/// One visit of a proposed plan.
public struct VisitRecord: Hashable, Sendable, Codable {
    /// Inspection code (检查码).
    public var inspectionId: String
    /// Entity.
    public var entity: String
    /// Planned day.
    public var date: CivilDate
    /// Lead department.
    public var lead: String
    /// Participating departments.
    public var participants: [String]
    /// Merged checklist: item id → department that checks it.
    public var items: [String: String]
    /// Inspector slots per department.
    public var inspectors: [String: Int]
    /// Intents served.
    public var intents: [EventReference]
    /// Why the visit is by one department alone (`nil` for joint visits).
    public var singleReason: String?
}

/// One version of a plan, as proposed by its lead.
public struct PlanVersionRecord: Hashable, Sendable, Codable {
    /// The `plan.proposal` event.
    public var ref: EventReference
    /// Plan id.
    public var planId: String
    /// Version (1, 2, …).
    public var version: UInt32
    /// Hex plan hash (JS-PLAN v1).
    public var planHash: String
    /// Planning period.
    public var period: String
    /// Visits, joint ones first, then single ones, each in proposal order.
    public var visits: [VisitRecord]
    /// The catalog version the plan was composed under (0: not named).
    public var catalogVersion: Int
    /// Intents of the period without a visit in this version, with the reason.
    public var unplaced: [UnplacedRecord]

    /// The lead (the proposing department).
    public var lead: String { ref.origin }

    /// Every department with a visit in the plan, sorted.
    public var participants: [String] { Array(Set(visits.flatMap(\.participants))).sorted() }
}

/// A department's vote on one plan version.
public struct VoteRecord: Hashable, Sendable, Codable {
    /// The `plan.vote` event.
    public var ref: EventReference
    /// The plan hash the vote names.
    public var planHash: String
    /// Accept or decline.
    public var decision: VoteChoice
    /// Reason of a decline.
    public var reason: String
    /// What a decline asks the lead to change (`nil`: nothing stated).
    public var decline: DeclineDetail?
}

/// A finding as the fold sees it.
public struct FindingRecord: Hashable, Sendable, Codable {
    /// The `finding` event (its origin is the recording department).
    public var ref: EventReference
    /// Inspection code.
    public var inspectionId: String
    /// Entity.
    public var entity: String
    /// Checklist item.
    public var itemId: String
    /// Compliant, violation or not applicable.
    public var result: ItemResult
    /// Measured quantities: name → value.
    public var measurements: [String: Double]
    /// Day of the finding.
    public var date: CivilDate
}

/// An outcome (no penalty or enforcement).
public struct OutcomeRecord: Hashable, Sendable, Codable {
    /// The `outcome` event.
    public var ref: EventReference
    /// The decided finding.
    public var finding: EventReference?
    /// No penalty, enforcement or unknown.
    public var decision: OutcomeDecision
    /// Correction deadline (no penalty; `nil` when corrected on the spot).
    public var correctionDeadline: CivilDate?
    /// Planned re-inspection (no penalty).
    public var reInspectionDate: CivilDate?
    /// Case id (enforcement).
    public var caseId: String?
}

/// A department's inspectors for one visit.
public struct AssignmentRecord: Hashable, Sendable, Codable {
    /// The `assignment` event.
    public var ref: EventReference
    /// Plan id.
    public var planId: String
    /// Plan version.
    public var planVersion: UInt32
    /// Inspection code.
    public var inspectionId: String
    /// Pseudonymous inspector ids.
    public var inspectorIds: [String]
    /// Hex SHA-256 of the roster snapshot the inspectors were drawn from.
    public var rosterHash: String?
    /// The seed of the inspector draw.
    public var seed: String?
    /// Why the department could not staff the visit (then ``inspectorIds`` is empty).
    public var unassignedReason: String?
}

/// An intent without a visit in a plan version.
public struct UnplacedRecord: Hashable, Sendable, Codable {
    /// Why an intent has no visit.
    public enum Reason: String, Hashable, Sendable, Codable {
        /// Its window holds no working day.
        case noWorkingDay = "no-working-day"
        /// No working day of its window had inspector capacity left.
        case noCapacity = "no-capacity"
        /// Its department declined every one of its items.
        case itemsNotCovered = "items-not-covered"
        /// A reason of a later protocol version.
        case unknown
    }

    /// The `intent` event.
    public var intent: EventReference
    /// Its entity.
    public var entity: String
    /// Why it has no visit.
    public var reason: Reason
}
