/// The overall result of one department's part of an inspection, the input to risk updates.
public struct InspectionOutcome: Hashable, Sendable, Codable {
    /// How the inspection ended for that department.
    public enum Result: String, Hashable, Sendable, Codable, CaseIterable {
        /// Nothing wrong found.
        case compliant
        /// Minor violation, first time, corrected: no penalty (免罚).
        case correctedWithoutPenalty
        /// Violation handled through the normal enforcement path.
        case enforced
        /// Serious violation (e.g. a case opened with heavy penalty or closure order).
        case serious
    }

    /// The entity.
    public var entity: CreditCode
    /// The department whose risk class is updated.
    public var department: DepartmentID
    /// Date of the inspection.
    public var date: CivilDate
    /// The result.
    public var result: Result

    /// Creates an outcome.
    public init(entity: CreditCode, department: DepartmentID, date: CivilDate, result: Result) {
        self.entity = entity
        self.department = department
        self.date = date
        self.result = result
    }
}
