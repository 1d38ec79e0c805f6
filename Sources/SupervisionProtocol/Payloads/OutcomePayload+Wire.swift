extension OutcomePayload {
    /// Decodes an `Outcome`; checks the finding reference and dates.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_Outcome.self, bytes, what: "Outcome")
        let decision: Decision
        switch wire.decision {
        case .noPenalty(let terms):
            try checkDate(terms.correctionDeadline, "no_penalty.correction_deadline")
            try checkDate(terms.reInspectionDate, "no_penalty.re_inspection_date")
            decision = .noPenalty(
                NoPenalty(
                    reminder: terms.reminder, commitment: terms.commitment,
                    correctionDeadline: terms.correctionDeadline, reInspectionDate: terms.reInspectionDate))
        case .enforcement(let enforcement):
            decision = .enforcement(Enforcement(caseId: enforcement.caseID, note: enforcement.note))
        case nil:
            decision = .unknown
        }
        self.init(
            finding: try EventRef.optional(wire.finding, has: wire.hasFinding, field: "finding"), decision: decision)
    }

    /// The protobuf encoding as an `Outcome` (``Decision/unknown`` encodes no decision).
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_Outcome()
        if let finding { wire.finding = finding.wire }
        switch decision {
        case .noPenalty(let terms):
            wire.noPenalty.reminder = terms.reminder
            wire.noPenalty.commitment = terms.commitment
            wire.noPenalty.correctionDeadline = terms.correctionDeadline
            wire.noPenalty.reInspectionDate = terms.reInspectionDate
        case .enforcement(let enforcement):
            wire.enforcement.caseID = enforcement.caseId
            wire.enforcement.note = enforcement.note
        case .unknown:
            break
        }
        return encodeWire(wire)
    }
}
