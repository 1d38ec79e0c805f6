import SupervisionAgent
import SupervisionProtocol
import Testing

/// Wire enums ↔ the fold's enums: every case round-trips; unknown wire values convert to `nil`.
@Suite("Payload conversions")
struct PayloadConversionsTests {
    @Test func everyCaseRoundTrips() {
        for status in AckStatus.allCases { #expect(ReferralStatus(status).ackStatus == status) }
        for result in ItemResult.allCases { #expect(SupervisionProtocol.FindingResult(result).itemResult == result) }
        for choice in VoteChoice.allCases { #expect(SupervisionProtocol.VoteDecision(choice).choice == choice) }
    }

    @Test func unknownWireValuesHaveNoFoldValue() {
        #expect(ReferralStatus.unrecognized(42).ackStatus == nil && ReferralStatus.unspecified.ackStatus == nil)
        #expect(SupervisionProtocol.FindingResult.unrecognized(7).itemResult == nil)
        #expect(SupervisionProtocol.VoteDecision.unspecified.choice == nil)
    }

    @Test func rawValuesAreTheWireCodes() {
        #expect(
            AckStatus.allCases.map(\.rawValue) == [
                "accepted", "rejected", "case-opened", "no-case", "complex", "feedback",
            ])
        #expect(ItemResult.notApplicable.rawValue == "not-applicable")
        #expect(OutcomeDecision.noPenalty.rawValue == "no-penalty")
    }
}
