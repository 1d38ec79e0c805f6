/// A visit by one department alone, with the reason it is not joint (`SingleVisit` in
/// domain.proto).
public struct SingleVisit: Hashable, Sendable {
    /// Stable id of the inspection within the plan.
    public var inspectionId: String
    /// Unified social credit code of the entity.
    public var entity: String
    /// Department id of the visiting department.
    public var department: String
    /// Planned date, `YYYY-MM-DD`.
    public var date: String
    /// Checklist item ids to check.
    public var itemIds: [String]
    /// The intent this visit satisfies.
    public var intent: EventRef?
    /// Why the visit is not joint.
    public var reason: SingleVisitReason

    /// Makes a single visit.
    public init(
        inspectionId: String, entity: String, department: String, date: String, itemIds: [String],
        intent: EventRef?, reason: SingleVisitReason
    ) {
        self.inspectionId = inspectionId
        self.entity = entity
        self.department = department
        self.date = date
        self.itemIds = itemIds
        self.intent = intent
        self.reason = reason
    }
}

/// Why an intent is planned as a single-department visit (`SingleVisitReason`).
public enum SingleVisitReason: Hashable, Sendable {
    /// Not set (0).
    case unspecified
    /// No other department intends to inspect the entity in an overlapping window.
    case noPartner
    /// Partners exist but no common date fits all windows.
    case noCommonDate
    /// The visit cannot wait for a joint one.
    case urgent
    /// A partner declined to join.
    case declined
    /// A value of a later version, kept as its number.
    case unrecognized(Int)
}

/// An intent without a visit in a plan version, with the reason (`UnplacedIntent`).
public struct UnplacedIntent: Hashable, Sendable {
    /// The `intent` event.
    public var intent: EventRef
    /// Unified social credit code of its entity.
    public var entity: String
    /// Why it has no visit.
    public var reason: UnplacedReason

    /// Makes an entry.
    public init(intent: EventRef, entity: String, reason: UnplacedReason) {
        self.intent = intent
        self.entity = entity
        self.reason = reason
    }
}

/// Why an intent has no visit in a plan version (`UnplacedReason`).
public enum UnplacedReason: Hashable, Sendable {
    /// Not set (0).
    case unspecified
    /// Its window holds no working day.
    case noWorkingDay
    /// No working day of its window had inspector capacity left.
    case noCapacity
    /// Its department declined every one of its items.
    case itemsNotCovered
    /// A value of a later version, kept as its number.
    case unrecognized(Int)
}
