/// An inspector (执法人员), known only by a pseudonymous id.
public struct Inspector: Hashable, Sendable, Codable {
    /// Pseudonymous id; never a name or badge number.
    public var id: InspectorID
    /// The department the inspector belongs to.
    public var department: DepartmentID
    /// Qualifications held, e.g. `law-enforcement`, `fire-inspection`.
    public var qualifications: Set<Qualification>
    /// Entities with which the inspector has a declared conflict of interest (回避).
    public var conflicts: Set<CreditCode>
    /// Entities the inspector inspected last time; the draw does not send them again.
    public var lastInspected: Set<CreditCode>

    /// Creates an inspector.
    public init(
        id: InspectorID, department: DepartmentID, qualifications: Set<Qualification> = [],
        conflicts: Set<CreditCode> = [], lastInspected: Set<CreditCode> = []
    ) {
        self.id = id
        self.department = department
        self.qualifications = qualifications
        self.conflicts = conflicts
        self.lastInspected = lastInspected
    }

    /// Whether the inspector must stay away from `entity` (conflict or same inspector as last time).
    public func isRecused(from entity: CreditCode) -> Bool {
        conflicts.contains(entity) || lastInspected.contains(entity)
    }
}
