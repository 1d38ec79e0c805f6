/// A change of one department's risk class for one entity, applied with ``Register/applying(_:)``.
public struct RiskChange: Hashable, Sendable, Codable {
    /// The entity.
    public var entity: CreditCode
    /// The department.
    public var department: DepartmentID
    /// Class before.
    public var from: RiskClass
    /// Class after.
    public var to: RiskClass
    /// Which outcome caused it.
    public var cause: InspectionOutcome.Result

    /// Creates a change.
    public init(
        entity: CreditCode, department: DepartmentID, from: RiskClass, to: RiskClass, cause: InspectionOutcome.Result
    ) {
        self.entity = entity
        self.department = department
        self.from = from
        self.to = to
        self.cause = cause
    }
}
