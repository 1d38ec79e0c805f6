import Foundation
import Logging
import SupervisionAgent
import SupervisionBus
import SupervisionBusTesting
import Testing

/// The agent's inspector draw across plans: the last inspectors of an entity are not sent again.
@Suite("Inspector rotation across plans")
struct RotationTests {
    /// Assignments of `plan` at `node`, once there are `count` of them (checked whenever asked, 50 ms apart).
    func assignments(_ node: InProcessNode, _ plan: String, count: Int) async throws -> [AssignmentView] {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let list = try await node.call("assignments", ["plan": plan], as: [AssignmentView].self)
            if list.count >= count { return list }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure("timed out waiting for the assignments of \(plan)")
    }

    @Test("the second plan's visit to an entity gets the two inspectors who did not go the first time")
    func lastInspectorsAreNotSentAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotation-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bus = try InProcessBus(directory: directory, departments: ["market"])
        bus.start()
        defer { bus.stop() }
        let market = bus.nodes["market"]!
        let agent = try DepartmentAgent(node: market, settings: AgentSettings(), logger: Logger(label: "test.agent"))
        let running = Task { try await agent.run() }
        defer { running.cancel() }
        let deadline = ContinuousClock.now + .seconds(30)
        while !market.status.ready, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }

        let roster = "inspector_id,qualifications\nm-1,law-enforcement\nm-2,law-enforcement\nm-3,\nm-4,\n"
        _ = try await market.call(
            "import", ["kind": "roster", "format": "csv", "content": roster], as: ImportReport.self)
        let entity = try await market.call("entities", ["industry": "training", "limit": "1"], as: [EntityRow].self)[0]
            .code
        // A draw for Q3 commits to the roster of Q3: staffing Q3's visits does not change it.
        let drawn = try await market.call(
            "draw", ["period": "2026-Q3", "seed": "rotation"], as: DrawReply.self)
        var seen: [Set<String>] = []
        for period in ["2026-Q3", "2026-Q4"] {
            _ = try await market.call("intent", ["entity": entity, "period": period], as: IntentRecord.self)
            let plan = try await market.call("compose", ["period": period], as: PlanView.self)
            let list = try await assignments(market, plan.plan.planId, count: 1)
            let mine = try #require(list.first { $0.entity == entity })
            #expect(mine.assignment.inspectorIds.count == 2)
            #expect(mine.reproduced == true)
            seen.append(Set(mine.assignment.inspectorIds))
        }
        #expect(seen[0].isDisjoint(with: seen[1]), "rotation: \(seen)")
        let verified = try await market.call(
            "verify", ["department": "market", "period": "2026-Q3"], as: VerifyReply.self)
        #expect(verified.matches)
        #expect(verified.draw.rosterHash == drawn.draw.rosterHash)
        #expect(verified.rosterChanged == false, "assignments of Q3 and later are not Q3's rotation")
    }
}
