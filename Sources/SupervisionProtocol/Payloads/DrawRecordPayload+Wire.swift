extension DrawRecordPayload {
    /// Decodes a `DrawRecord`; checks the department id and the hash lengths.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_DrawRecord.self, bytes, what: "DrawRecord")
        try checkDepartmentOrEmpty(wire.department, "department")
        self.init(
            department: wire.department, period: wire.period, seed: wire.seed,
            algorithmVersion: wire.algorithmVersion, resultHash: try Hash256.field(wire.resultHash, "result_hash"),
            targetCount: wire.targetCount,
            registerHash: try Hash256.optionalField(wire.registerHash, "register_hash"),
            rosterHash: try Hash256.optionalField(wire.rosterHash, "roster_hash"), catalogVersion: wire.catalogVersion)
    }

    /// The protobuf encoding as a `DrawRecord`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_DrawRecord()
        wire.department = department
        wire.period = period
        wire.seed = seed
        wire.algorithmVersion = algorithmVersion
        wire.resultHash = resultHash.data
        wire.targetCount = targetCount
        if let registerHash { wire.registerHash = registerHash.data }
        if let rosterHash { wire.rosterHash = rosterHash.data }
        wire.catalogVersion = catalogVersion
        return encodeWire(wire)
    }
}
