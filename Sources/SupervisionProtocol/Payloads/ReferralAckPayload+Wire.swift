extension ReferralAckPayload {
    /// Decodes a `ReferralAck`; checks the referral reference.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_ReferralAck.self, bytes, what: "ReferralAck")
        self.init(
            referralId: wire.referralID, status: ReferralStatus(wire: wire.status), note: wire.note,
            referral: try EventRef.optional(wire.referral, has: wire.hasReferral, field: "referral"))
    }

    /// The protobuf encoding as a `ReferralAck`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_ReferralAck()
        wire.referralID = referralId
        wire.status = status.wire
        wire.note = note
        if let referral { wire.referral = referral.wire }
        return encodeWire(wire)
    }
}
