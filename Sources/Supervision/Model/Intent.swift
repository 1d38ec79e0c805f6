/// The identity of an intent: its department and a number unique within that department
/// (for instance the sequence number of the event in the department's log).
public struct IntentID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The department that issued the intent.
    public var department: DepartmentID
    /// A number unique within the department.
    public var sequence: UInt64

    /// Creates an intent id.
    public init(department: DepartmentID, sequence: UInt64) {
        self.department = department
        self.sequence = sequence
    }

    /// Orders by department, then sequence.
    public static func < (lhs: IntentID, rhs: IntentID) -> Bool {
        lhs.department != rhs.department ? lhs.department < rhs.department : lhs.sequence < rhs.sequence
    }

    /// `department#sequence`.
    public var description: String { "\(department)#\(sequence)" }
}

/// Why a department wants to inspect an entity.
public enum IntentReason: Hashable, Sendable, Codable {
    /// Drawn in a random draw (双随机).
    case randomDraw
    /// A complaint or tip-off; `reference` is the case number, never the complainant.
    case complaint(reference: String)
    /// A re-inspection to verify a correction (复查) after `finding`.
    case followUp(finding: FindingID)
    /// A referral received from another department.
    case referral(finding: FindingID)

    /// A short code used in canonical encodings and disclosure: `random`, `complaint`, `follow-up`, `referral`.
    public var code: String {
        switch self {
        case .randomDraw: "random"
        case .complaint: "complaint"
        case .followUp: "follow-up"
        case .referral: "referral"
        }
    }
}

/// One department's wish to inspect one entity within a time window (检查计划).
public struct Intent: Hashable, Sendable, Codable {
    /// Identity (department + sequence).
    public var id: IntentID
    /// The entity to inspect.
    public var entity: CreditCode
    /// Days on which the visit may take place.
    public var window: DateRange
    /// The department's checklist items for this visit.
    public var items: [ChecklistItemID]
    /// Why.
    public var reason: IntentReason
    /// Inspectors already drawn for the visit (may be empty: then only the department's
    /// aggregate capacity applies).
    public var inspectors: [InspectorID]

    /// The issuing department.
    public var department: DepartmentID { id.department }

    /// Creates an intent.
    public init(
        id: IntentID, entity: CreditCode, window: DateRange, items: [ChecklistItemID],
        reason: IntentReason, inspectors: [InspectorID] = []
    ) {
        self.id = id
        self.entity = entity
        self.window = window
        self.items = items
        self.reason = reason
        self.inspectors = inspectors
    }
}
