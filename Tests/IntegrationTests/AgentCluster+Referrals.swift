import SupervisionAgent
import SupervisionBus

extension AgentCluster {
    /// Records at market a violation of `fire.detectors` at `entity` on `date` (a fire item, so
    /// referred to fire) and waits until fire holds the referral.
    func referDetectorsToFire(entity: String, date: String) async throws -> ReferralRecord {
        let finding = try await jointctl(
            "market",
            [
                "finding", "record", "--entity", entity, "--item", "fire.detectors", "--date", date,
                "--measure", "detectors-broken-per-floor", "--value", "3",
            ], as: FindingReply.self)
        guard let referral = finding.referral else {
            throw BusError(.transport, "a fire item found by market was not referred to fire")
        }
        _ = try await waitForAll("fire holds the referral", ["fire"]) {
            try await self.jointctl($0, ["referrals", "list"], as: [ReferralView].self)
        } condition: {
            $0["fire"]?.contains { $0.referral.referralId == referral.referralId } == true
        }
        return referral
    }
}
