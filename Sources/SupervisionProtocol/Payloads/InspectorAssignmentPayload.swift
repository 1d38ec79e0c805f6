/// A department names its inspectors for one inspection; kind `"assignment"`
/// (`InspectorAssignment` in domain.proto).
public struct InspectorAssignmentPayload: EventPayload {
    /// `"assignment"`.
    public static let kind = EventKind.assignment

    /// The plan.
    public var planId: String
    /// The inspection within the plan.
    public var inspectionId: String
    /// Department id of the department whose inspectors these are.
    public var department: String
    /// Pseudonymous inspector ids.
    public var inspectorIds: [String]
    /// The plan version the assignment is made for (0 = unspecified).
    public var planVersion: UInt32

    /// Makes an assignment.
    public init(
        planId: String, inspectionId: String, department: String, inspectorIds: [String], planVersion: UInt32 = 0
    ) {
        self.planId = planId
        self.inspectionId = inspectionId
        self.department = department
        self.inspectorIds = inspectorIds
        self.planVersion = planVersion
    }
}
