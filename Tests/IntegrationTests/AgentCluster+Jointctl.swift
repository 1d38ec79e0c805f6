import Foundation
import SupervisionAgent
import SupervisionBus

/// What one `jointctl` run printed and how it exited.
struct JointctlResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(stdout.utf8))
    }
}

extension AgentCluster {
    /// Runs the built `jointctl` against `department`'s agent (output through files, so a large
    /// reply never blocks on a full pipe) and waits for it to exit.
    func jointctl(_ department: String, _ arguments: [String]) async throws -> JointctlResult {
        try await jointctl(local: arguments + ["--agent", controlEndpoint(department)])
    }

    /// Runs the built `jointctl` on local files only (no agent) and waits for it to exit.
    func jointctl(local arguments: [String]) async throws -> JointctlResult {
        let id = UUID().uuidString.prefix(8)
        let out = directory.appendingPathComponent("ctl-\(id).out")
        let err = directory.appendingPathComponent("ctl-\(id).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = Self.binDirectory.appendingPathComponent("jointctl")
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return JointctlResult(
            status: status, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs `jointctl … --json` and decodes its output; throws with stderr when it fails.
    func jointctl<T: Decodable>(_ department: String, _ arguments: [String], as type: T.Type) async throws -> T {
        let result = try await jointctl(department, arguments + ["--json"])
        guard result.status == 0 else {
            throw BusError(
                .transport,
                "jointctl \(arguments.joined(separator: " ")) at \(department) exited \(result.status): \(result.stderr)"
            )
        }
        return try result.decode(T.self)
    }

    /// Polls `probe` on every listed agent until `condition` holds for all of them, or fails after `timeout`.
    func waitForAll<T: Sendable>(
        _ what: String, _ departments: [String], timeout: Duration = .seconds(60),
        probe: (String) async throws -> T, condition: ([String: T]) -> Bool
    ) async throws -> [String: T] {
        let deadline = ContinuousClock.now + timeout
        var last: [String: T] = [:]
        while ContinuousClock.now < deadline {
            for department in departments { last[department] = try? await probe(department) }
            if last.count == departments.count, condition(last) { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        let logs = departments.map { "--- \($0)\n" + log($0).split(separator: "\n").suffix(10).joined(separator: "\n") }
        throw BusError(.transport, "timed out waiting for \(what); last seen \(last)\n\(logs.joined(separator: "\n"))")
    }
}
