extension ReferralPayload {
    /// Decodes a `Referral`; checks department ids, the finding reference and dates.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_Referral.self, bytes, what: "Referral")
        try checkDepartmentOrEmpty(wire.fromDepartment, "from_department")
        try checkDepartmentOrEmpty(wire.toDepartment, "to_department")
        try checkDate(wire.acceptDue, "accept_due")
        try checkDate(wire.decisionDue, "decision_due")
        try checkDate(wire.feedbackDue, "feedback_due")
        self.init(
            referralId: wire.referralID, fromDepartment: wire.fromDepartment, toDepartment: wire.toDepartment,
            finding: try EventRef.optional(wire.finding, has: wire.hasFinding, field: "finding"),
            category: wire.category, acceptDue: wire.acceptDue, decisionDue: wire.decisionDue,
            feedbackDue: wire.feedbackDue)
    }

    /// The protobuf encoding as a `Referral`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_Referral()
        wire.referralID = referralId
        wire.fromDepartment = fromDepartment
        wire.toDepartment = toDepartment
        if let finding { wire.finding = finding.wire }
        wire.category = category
        wire.acceptDue = acceptDue
        wire.decisionDue = decisionDue
        wire.feedbackDue = feedbackDue
        return encodeWire(wire)
    }
}
