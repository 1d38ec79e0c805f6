import Foundation
import Logging
import SupervisionAgent
import SupervisionBus
import SupervisionBusTesting
import Testing

/// Whole department agents on an in-process bus: their real commands, fold and reactions over
/// real replicators and stores, without sockets or processes.
@Suite("Department agents on an in-process bus")
struct InProcessAgentsTests {
    /// Sends `command` to `node`'s agent and decodes its reply body.
    func call<T: Decodable>(
        _ node: InProcessNode, _ command: String, _ arguments: [String: String] = [:], as type: T.Type
    ) async throws -> T {
        try await node.call(command, arguments, as: type)
    }

    /// Waits until `condition` holds, checking whenever `node` stores something (or every 50 ms).
    func wait(_ what: String, on node: InProcessNode, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw Failure("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test(
        "a finding recorded at market is referred to fire, acknowledged by fire's agent, and both fold the same state")
    func referralRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("in-process-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bus = try InProcessBus(directory: directory, departments: ["market", "fire"])
        bus.start()
        defer { bus.stop() }
        let market = bus.nodes["market"]!
        let fire = bus.nodes["fire"]!
        let agents = try [market, fire].map {
            try DepartmentAgent(node: $0, settings: AgentSettings(), logger: Logger(label: "test.agent"))
        }
        let running = agents.map { agent in Task { try await agent.run() } }
        defer { for task in running { task.cancel() } }
        try await wait("own logs recovered", on: market) { market.status.ready && fire.status.ready }

        let entity = try await call(fire, "entities", ["limit": "1"], as: [EntityRow].self)[0].code
        let finding = try await call(
            market, "finding",
            [
                "entity": entity, "item": "fire.detectors", "result": "violation", "date": "2026-07-01",
                "measure": "detectors-broken-per-floor", "value": "3",
            ], as: FindingReply.self)
        let referral = try #require(finding.referral, "a fire item found by market is referred to fire")

        try await wait("fire's acknowledgement at market", on: market) {
            let list = try await call(market, "referrals", as: [ReferralRecord].self)
            return list.first { $0.referralId == referral.referralId }?.acks.isEmpty == false
        }
        let atFire = try await call(fire, "referrals", as: [ReferralRecord].self)
        #expect(atFire.contains { $0.referralId == referral.referralId && $0.to == "fire" })
        try await wait("the same heads", on: market) { market.status.heads == fire.status.heads }
        let digests = try await [market, fire].asyncMap { try await call($0, "summary", as: SummaryReply.self).digest }
        #expect(digests[0] == digests[1], "same rights, same events: the same supervision state")
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
