/// One joint visit of a plan: enter the door once, check many things (`JointInspection`
/// in domain.proto).
public struct JointInspection: Hashable, Sendable {
    /// Stable id of the inspection within the plan.
    public var inspectionId: String
    /// Unified social credit code of the entity.
    public var entity: String
    /// Planned date, `YYYY-MM-DD`.
    public var date: String
    /// Department id of the lead department.
    public var lead: String
    /// Department ids of all participants, lead included.
    public var participants: [String]
    /// The merged checklist.
    public var items: [ChecklistItem]
    /// Inspectors per participating department.
    public var inspectors: [InspectorQuota]
    /// The intents this inspection satisfies.
    public var intents: [EventRef]

    /// Makes a joint inspection.
    public init(
        inspectionId: String, entity: String, date: String, lead: String, participants: [String],
        items: [ChecklistItem], inspectors: [InspectorQuota], intents: [EventRef]
    ) {
        self.inspectionId = inspectionId
        self.entity = entity
        self.date = date
        self.lead = lead
        self.participants = participants
        self.items = items
        self.inspectors = inspectors
        self.intents = intents
    }
}

/// One item of a merged checklist with the department that owns it (`ChecklistItem`).
public struct ChecklistItem: Hashable, Sendable {
    /// The checklist item id.
    public var itemId: String
    /// Department id of the owner.
    public var owner: String

    /// Makes an item.
    public init(itemId: String, owner: String) {
        self.itemId = itemId
        self.owner = owner
    }
}

/// How many inspectors a department sends (`InspectorQuota`).
public struct InspectorQuota: Hashable, Sendable {
    /// Department id.
    public var department: String
    /// Number of inspectors.
    public var count: UInt32

    /// Makes a quota.
    public init(department: String, count: UInt32) {
        self.department = department
        self.count = count
    }
}
