/// Why a visit is not joint (only one department takes part).
public enum SeparateVisitReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// No other department has an intent for the entity in the period.
    case noOtherDepartment
    /// Other departments' intents for the entity share no working day with this one.
    case windowsDoNotOverlap
    /// The merged visit found no working day on which every department had capacity, so it was split.
    case capacity
    /// Composition ran with the separate (one visit per intent) strategy.
    case separateStrategy

    /// Stable small number used in the canonical encoding.
    public var wireCode: UInt8 {
        switch self {
        case .noOtherDepartment: 1
        case .windowsDoNotOverlap: 2
        case .capacity: 3
        case .separateStrategy: 4
        }
    }
}

/// One item of a merged checklist and the department that checks it.
public struct ChecklistAssignment: Hashable, Sendable, Codable {
    /// The item.
    public var item: ChecklistItemID
    /// Who checks it: its owner if the owner takes part, otherwise the first (by id) participating
    /// department that listed it.
    public var checkedBy: DepartmentID

    /// Creates an assignment.
    public init(item: ChecklistItemID, checkedBy: DepartmentID) {
        self.item = item
        self.checkedBy = checkedBy
    }
}

/// One department's part in a visit.
public struct Participation: Hashable, Sendable, Codable {
    /// The department.
    public var department: DepartmentID
    /// Named inspectors (sorted); may be empty when intents named none.
    public var inspectors: [InspectorID]
    /// The department's intents served by this visit (sorted).
    public var intents: [IntentID]
    /// Inspector slots the department commits (≥ its `inspectorsPerVisit`).
    public var slots: Int

    /// Creates a participation.
    public init(department: DepartmentID, inspectors: [InspectorID], intents: [IntentID], slots: Int) {
        self.department = department
        self.inspectors = inspectors
        self.intents = intents
        self.slots = slots
    }
}

/// One visit to one entity on one day (综合查一次): enter the door once, check many things.
public struct JointInspection: Hashable, Sendable, Codable {
    /// The entity visited.
    public var entity: CreditCode
    /// The day of the visit (a working day).
    public var date: CivilDate
    /// 1, or 2, 3… when the entity has several visits the same day (after a capacity split).
    public var ordinal: Int
    /// The lead department (牵头部门).
    public var lead: DepartmentID
    /// The scenario the visit falls under, if any.
    public var scenario: ScenarioID?
    /// Participating departments, sorted by department id.
    public var participants: [Participation]
    /// The merged checklist (一张检查单), sorted by item id, each item once.
    public var checklist: [ChecklistAssignment]
    /// `nil` for a joint visit; otherwise why only one department goes.
    public var separateReason: SeparateVisitReason?

    /// Creates a visit.
    public init(
        entity: CreditCode, date: CivilDate, ordinal: Int, lead: DepartmentID, scenario: ScenarioID?,
        participants: [Participation], checklist: [ChecklistAssignment], separateReason: SeparateVisitReason?
    ) {
        self.entity = entity
        self.date = date
        self.ordinal = ordinal
        self.lead = lead
        self.scenario = scenario
        self.participants = participants
        self.checklist = checklist
        self.separateReason = separateReason
    }

    /// The inspection code (检查码): `<credit code>-<YYYYMMDD>-<ordinal>`, unique within a plan.
    public var code: String { "\(entity)-\(date.compact)-\(ordinal)" }

    /// The participating departments.
    public var departments: [DepartmentID] { participants.map(\.department) }

    /// Every intent served by this visit.
    public var intents: [IntentID] { participants.flatMap(\.intents) }

    /// Whether more than one department takes part.
    public var isJoint: Bool { participants.count > 1 }
}

/// An intent that no visit serves, and why.
public struct UnscheduledIntent: Hashable, Sendable, Codable {
    /// Why.
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
        /// The window contains no working day.
        case noWorkingDayInWindow
        /// No working day in the window had capacity left.
        case noCapacityInWindow

        /// Stable small number used in the canonical encoding.
        public var wireCode: UInt8 { self == .noWorkingDayInWindow ? 1 : 2 }
    }

    /// The intent.
    public var intent: IntentID
    /// Its entity.
    public var entity: CreditCode
    /// Why it was not scheduled.
    public var reason: Reason

    /// Creates an entry.
    public init(intent: IntentID, entity: CreditCode, reason: Reason) {
        self.intent = intent
        self.entity = entity
        self.reason = reason
    }
}
