extension PlanVotePayload {
    /// Decodes a `PlanVote`; checks the plan hash length.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_PlanVote.self, bytes, what: "PlanVote")
        for (index, date) in wire.decline.unavailableDates.enumerated() {
            try checkDate(date, "decline.unavailable_dates[\(index)]")
        }
        let d = wire.decline
        self.init(
            planId: wire.planID, version: wire.version, planHash: try Hash256.field(wire.planHash, "plan_hash"),
            decision: VoteDecision(wire: wire.decision), reason: wire.reason,
            decline: DeclineDetail(
                inspectors: d.inspectors, visitsPerInspectorPerDay: d.visitsPerInspectorPerDay,
                unavailableDates: d.unavailableDates, itemsNotCovered: d.itemsNotCovered,
                missingCatalogVersion: d.missingCatalogVersion))
    }

    /// The protobuf encoding as a `PlanVote`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_PlanVote()
        wire.planID = planId
        wire.version = version
        wire.planHash = planHash.data
        wire.decision = decision.wire
        wire.reason = reason
        if !decline.isEmpty {
            wire.decline.inspectors = decline.inspectors
            wire.decline.visitsPerInspectorPerDay = decline.visitsPerInspectorPerDay
            wire.decline.unavailableDates = decline.unavailableDates
            wire.decline.itemsNotCovered = decline.itemsNotCovered
            wire.decline.missingCatalogVersion = decline.missingCatalogVersion
        }
        return encodeWire(wire)
    }
}
