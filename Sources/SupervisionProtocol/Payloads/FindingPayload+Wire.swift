extension FindingPayload {
    /// Decodes a `Finding`; checks evidence hash lengths and the date.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_Finding.self, bytes, what: "Finding")
        try checkDate(wire.recordedDate, "recorded_date")
        var evidence = [Hash256]()
        for (index, hash) in wire.evidenceHashes.enumerated() {
            evidence.append(try Hash256.field(hash, "evidence_hashes[\(index)]"))
        }
        self.init(
            inspectionId: wire.inspectionID, entity: wire.entity, itemId: wire.itemID,
            result: FindingResult(wire: wire.result),
            measurements: wire.measurements.map { Quantity(name: $0.name, value: $0.value, unit: $0.unit) },
            evidenceHashes: evidence, recordedDate: wire.recordedDate, category: wire.category,
            catalogVersion: wire.catalogVersion)
    }

    /// The protobuf encoding as a `Finding`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_Finding()
        wire.inspectionID = inspectionId
        wire.entity = entity
        wire.itemID = itemId
        wire.result = result.wire
        wire.measurements = measurements.map { quantity in
            var wire = Jointsupervision_V1_Quantity()
            wire.name = quantity.name
            wire.value = quantity.value
            wire.unit = quantity.unit
            return wire
        }
        wire.evidenceHashes = evidenceHashes.map(\.data)
        wire.recordedDate = recordedDate
        wire.category = category
        wire.catalogVersion = catalogVersion
        return encodeWire(wire)
    }
}
