extension EventBatch {
    init(wire: Jointsupervision_V1_EventBatch) throws(ProtocolError) {
        try checkDepartment(wire.origin, "origin")
        var events = [EventEnvelope]()
        events.reserveCapacity(wire.events.count)
        for (index, event) in wire.events.enumerated() {
            do {
                events.append(try EventEnvelope(wire: event))
            } catch {
                throw error.prefixed("events[\(index)]")
            }
        }
        guard wire.hasCheckpoint else {
            throw ProtocolError(.inconsistentBatch, field: "checkpoint", "is missing")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(wire: wire.checkpoint)
        } catch {
            throw error.prefixed("checkpoint")
        }
        self.init(
            origin: wire.origin, events: events, checkpoint: checkpoint, requestId: wire.requestID,
            rightsVersion: wire.rightsVersion)
        try validate()
    }

    var wire: Jointsupervision_V1_EventBatch {
        var wire = Jointsupervision_V1_EventBatch()
        wire.origin = origin
        wire.events = events.map(\.wire)
        wire.checkpoint = checkpoint.wire
        wire.requestID = requestId
        wire.rightsVersion = rightsVersion
        return wire
    }
}
