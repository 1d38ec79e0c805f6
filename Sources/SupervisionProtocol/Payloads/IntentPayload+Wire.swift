extension IntentPayload {
    /// Decodes an `Intent`; checks department id syntax and dates.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_Intent.self, bytes, what: "Intent")
        try checkDepartmentOrEmpty(wire.department, "department")
        try checkDate(wire.windowStart, "window_start")
        try checkDate(wire.windowEnd, "window_end")
        self.init(
            department: wire.department, entity: wire.entity, windowStart: wire.windowStart,
            windowEnd: wire.windowEnd, itemIds: wire.itemIds, reason: IntentReason(wire: wire.reason),
            draw: wire.hasDraw ? DrawReference(period: wire.draw.period, seed: wire.draw.seed) : nil)
    }

    /// The protobuf encoding as an `Intent`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_Intent()
        wire.department = department
        wire.entity = entity
        wire.windowStart = windowStart
        wire.windowEnd = windowEnd
        wire.itemIds = itemIds
        wire.reason = reason.wire
        if let draw {
            wire.draw.period = draw.period
            wire.draw.seed = draw.seed
        }
        return encodeWire(wire)
    }
}
