extension InspectorAssignmentPayload {
    /// Decodes an `InspectorAssignment`; checks the department id and the roster hash length.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_InspectorAssignment.self, bytes, what: "InspectorAssignment")
        try checkDepartmentOrEmpty(wire.department, "department")
        self.init(
            planId: wire.planID, inspectionId: wire.inspectionID, department: wire.department,
            inspectorIds: wire.inspectorIds, planVersion: wire.planVersion,
            rosterHash: try Hash256.optionalField(wire.rosterHash, "roster_hash"), seed: wire.seed,
            unassignedReason: wire.unassignedReason)
    }

    /// The protobuf encoding as an `InspectorAssignment`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_InspectorAssignment()
        wire.planID = planId
        wire.inspectionID = inspectionId
        wire.department = department
        wire.inspectorIds = inspectorIds
        wire.planVersion = planVersion
        if let rosterHash { wire.rosterHash = rosterHash.data }
        wire.seed = seed
        wire.unassignedReason = unassignedReason
        return encodeWire(wire)
    }
}
