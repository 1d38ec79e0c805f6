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
    /// SHA-256 of the roster snapshot the inspectors were drawn from (`nil` in older assignments).
    public var rosterHash: Hash256?
    /// The seed of the inspector draw (the department's draw seed, or `plan:<hex plan hash>`).
    public var seed: String
    /// Why the visit got no inspectors of this department (then ``inspectorIds`` is empty).
    public var unassignedReason: String

    /// Makes an assignment.
    public init(
        planId: String, inspectionId: String, department: String, inspectorIds: [String], planVersion: UInt32 = 0,
        rosterHash: Hash256? = nil, seed: String = "", unassignedReason: String = ""
    ) {
        self.planId = planId
        self.inspectionId = inspectionId
        self.department = department
        self.inspectorIds = inspectorIds
        self.planVersion = planVersion
        self.rosterHash = rosterHash
        self.seed = seed
        self.unassignedReason = unassignedReason
    }
}
