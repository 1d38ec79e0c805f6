import Foundation
import SupervisionAgent
import SupervisionBus
import Testing

/// Refused commands append nothing, repeated requests run once, and no request's sizes can
/// make the agent allocate without bound.
@Suite("Commands validate before they append", .serialized)
struct CommandValidationTests {
    /// Runs `body` with market's and fire's agents ready and one entity of fire's register.
    private func withAgents(_ body: (AgentCluster, _ entity: String) async throws -> Void) async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in ["market", "fire"] { try await cluster.waitReady(department) }
        let entity = try await cluster.jointctl("fire", ["entities", "--limit", "1"], as: [EntityRow].self)[0].code
        try await body(cluster, entity)
    }

    @Test("every refused domain command leaves the log head where it was", .timeLimit(.minutes(4)))
    func refusalsAppendNothing() async throws {
        try await withAgents { cluster, entity in
            let before = try await cluster.ownHead("fire")
            let finding = ["finding", "record", "--entity", entity, "--item", "fire.detectors", "--date", "2026-07-01"]
            let measured = finding + ["--measure", "detectors-broken-per-floor", "--value"]
            let refused: [(arguments: [String], says: String)] = [
                (measured + ["nan"], "whole count"),
                (measured + ["inf"], "whole count"),
                (finding + ["--measure", "detectors-broken-per-floor", "--value=-3"], "whole count"),
                (measured + ["2.5"], "whole count"),
                (measured + ["1e12"], "whole count"),
                (finding + ["--measure", "route-obstructed-percent", "--value", "5"], "measured as"),
                (
                    ["finding", "record", "--entity", entity, "--item", "fire.nothing", "--date", "2026-07-01"],
                    "catalog"
                ),
                (
                    ["finding", "record", "--entity", entity, "--item", "fire.detectors", "--date", "2026-13-40"],
                    "calendar day"
                ),
                (finding + ["--result", "maybe"], "result must be"),
                (["intent", "add", "--entity", entity, "--period", "2026-Q3", "--reason", "whim"], "reason must be"),
                (["intent", "add", "--entity", entity, "--period", "2026-Q3", "--items", ","], "no item"),
                (["intent", "add", "--entity", entity, "--period", "2026-Q3", "--items", "fire.nothing"], "catalog"),
                (["intent", "add", "--entity", entity, "--period", "2026-01-01/2999-12-31"], "at most 366"),
                (["compose", "--period", "2026-Q3", "--plan", "no spaces please"], "letters, digits"),
                (["draw", "--period", "2026-Q3", "--seed", String(repeating: "s", count: 5000)], "at most 200"),
            ]
            for (arguments, says) in refused {
                let result = try await cluster.jointctl("fire", arguments)
                #expect(result.status == 65, "\(arguments) exited \(result.status): \(result.stderr)")
                #expect(result.stderr.contains(says), "\(arguments): \(result.stderr)")
                #expect(try await cluster.ownHead("fire") == before, "\(arguments) appended to fire's log")
            }
            // The agent still serves, and the valid command appends.
            let valid = try await cluster.jointctl("fire", measured + ["3"])
            #expect(valid.status == 0, "\(valid.stderr)")
            #expect(try await cluster.ownHead("fire") > before)
        }
    }

    @Test("publish and load are refused, appending nothing, unless the configuration enables test commands")
    func testCommandsNeedTheFlag() async throws {
        let cluster = try AgentCluster(["market", "fire"], settings: ["fire": ["testCommands": false]])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in ["market", "fire"] { try await cluster.waitReady(department) }
        let before = try await cluster.ownHead("fire")
        for arguments in [["publish", "--count", "3"], ["load", "--total", "\(before + 100)"]] {
            let refused = try await cluster.jointctl("fire", arguments)
            #expect(refused.status != 0, "\(arguments): \(refused.stdout)")
            #expect(refused.stderr.contains("\"testCommands\": true"), "\(refused.stderr)")
        }
        #expect(try await cluster.ownHead("fire") == before)
        #expect(try await cluster.jointctl("market", ["publish", "--count", "3"]).status == 0)
    }

    @Test("an acknowledgement repeated by hand is refused, not appended twice", .timeLimit(.minutes(3)))
    func repeatedAcknowledgement() async throws {
        try await withAgents { cluster, entity in
            let referral = try await cluster.referDetectorsToFire(entity: entity, date: "2026-07-01")
            let ack = ["referral", "ack", "market/\(referral.referralId)", "--status", "case-opened", "--note", "C-1"]
            #expect(try await cluster.jointctl("fire", ack).status == 0)
            let before = try await cluster.ownHead("fire")
            let again = try await cluster.jointctl("fire", ack)
            #expect(again.status == 65 && again.stderr.contains("already"), "\(again.stderr)")
            #expect(try await cluster.ownHead("fire") == before)
        }
    }

    @Test("a repeated request id runs once and gets the earlier reply", .timeLimit(.minutes(3)))
    func requestIdsRunOnce() async throws {
        try await withAgents { cluster, entity in
            let before = try await cluster.ownHead("fire")
            let publish = ControlRequest(command: "publish", count: 3, requestId: "publish-once")
            let first = try await cluster.control("fire", publish, timeoutMs: 30_000)
            let second = try await cluster.control("fire", publish, timeoutMs: 30_000)
            #expect(first.ok && second == first, "the repeat is answered with the first reply")
            #expect(try await cluster.ownHead("fire") == before + 3)
            let reused = try await cluster.control(
                "fire", ControlRequest(command: "publish", count: 4, requestId: "publish-once"), timeoutMs: 30_000)
            #expect(!reused.ok && reused.error?.contains("another request") == true, "\(reused)")
            #expect(try await cluster.ownHead("fire") == before + 3)

            // An operator re-running a command (e.g. after a time-out) with the id jointctl printed.
            let intent = [
                "intent", "add", "--entity", entity, "--period", "2026-Q3", "--request-id", "intent-1", "--json",
            ]
            let once = try await cluster.jointctl("fire", intent)
            let again = try await cluster.jointctl("fire", intent)
            #expect(once.status == 0 && again.status == 0, "\(once.stderr) \(again.stderr)")
            #expect(once.stdout == again.stdout)
            #expect(try await cluster.ownHead("fire") == before + 4, "one intent appended, not two")
        }
    }

    @Test("publish and load with absurd sizes are refused and the agent stays up", .timeLimit(.minutes(3)))
    func absurdSizes() async throws {
        try await withAgents { cluster, _ in
            let before = try await cluster.ownHead("fire")
            let requests = [
                ControlRequest(command: "publish", size: 4_611_686_018_427_387_904, count: 1),
                ControlRequest(command: "publish", size: -1, count: 1),
                ControlRequest(command: "publish", size: 1 << 20, count: 100_000),
                ControlRequest(command: "publish", count: 0),
                ControlRequest(command: "load", total: .max, rate: 1000),
                ControlRequest(command: "load", total: before + 10, rate: 1e300),
                ControlRequest(command: "load", total: before + 10, rate: -1),
                ControlRequest(command: "load", total: before + 10, size: Int.max),
                ControlRequest(command: "publish", count: 1, requestId: String(repeating: "x", count: 1000)),
            ]
            for request in requests {
                let reply = try await cluster.control("fire", request, timeoutMs: 30_000)
                #expect(!reply.ok, "\(request) was accepted")
                #expect(
                    reply.error?.contains("at most") == true || reply.error?.contains("must be") == true, "\(reply)")
            }
            #expect(try await cluster.status("fire", timeoutMs: 30_000).ready)
            #expect(try await cluster.ownHead("fire") == before)
            // The published jointctl path: a refusal is a non-zero exit, not "appended".
            let huge = try await cluster.jointctl("fire", ["publish", "--count", "1", "--size", "4611686018427387904"])
            #expect(huge.status == 65, "\(huge.stdout) \(huge.stderr)")
            #expect(!huge.stdout.contains("appended"))
        }
    }
}
