extension FetchRequest {
    init(wire: Jointsupervision_V1_FetchRequest) throws(ProtocolError) {
        guard wire.requestID != 0 else { throw .invalid("request_id", "must not be 0") }
        try checkDepartment(wire.origin, "origin")
        guard wire.fromSeq >= 1 else { throw .invalid("from_seq", "must be at least 1") }
        guard wire.toSeq >= wire.fromSeq else { throw .invalid("to_seq", "must be at least from_seq") }
        self.init(
            requestId: wire.requestID, origin: wire.origin, fromSeq: wire.fromSeq, toSeq: wire.toSeq,
            maxEvents: wire.maxEvents)
    }

    var wire: Jointsupervision_V1_FetchRequest {
        var wire = Jointsupervision_V1_FetchRequest()
        wire.requestID = requestId
        wire.origin = origin
        wire.fromSeq = fromSeq
        wire.toSeq = toSeq
        wire.maxEvents = maxEvents
        return wire
    }
}

extension FetchMiss {
    init(wire: Jointsupervision_V1_FetchMiss) throws(ProtocolError) {
        guard wire.requestID != 0 else { throw .invalid("request_id", "must not be 0") }
        try checkDepartment(wire.origin, "origin")
        self.init(requestId: wire.requestID, origin: wire.origin, heldSeq: wire.heldSeq)
    }

    var wire: Jointsupervision_V1_FetchMiss {
        var wire = Jointsupervision_V1_FetchMiss()
        wire.requestID = requestId
        wire.origin = origin
        wire.heldSeq = heldSeq
        return wire
    }
}
