extension PlanVotePayload {
    /// Decodes a `PlanVote`; checks the plan hash length.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_PlanVote.self, bytes, what: "PlanVote")
        self.init(
            planId: wire.planID, version: wire.version, planHash: try Hash256.field(wire.planHash, "plan_hash"),
            decision: VoteDecision(wire: wire.decision), reason: wire.reason)
    }

    /// The protobuf encoding as a `PlanVote`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_PlanVote()
        wire.planID = planId
        wire.version = version
        wire.planHash = planHash.data
        wire.decision = decision.wire
        wire.reason = reason
        return encodeWire(wire)
    }
}
