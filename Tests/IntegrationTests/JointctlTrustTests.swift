import Foundation
import SupervisionBus
import SupervisionBusTesting
import Testing

/// The operator's workflow through the built `jointctl`: keys, a signed membership, its
/// verification and refusals, and its distribution to running agents.
@Suite("jointctl keys and membership")
struct JointctlTrustTests {
    /// A scratch directory, removed at the end unless JS_KEEP_TEST_DIRS is set.
    final class Scratch {
        let path = NSTemporaryDirectory() + "jointctl-trust-\(UUID().uuidString.prefix(8))"
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit {
            if ProcessInfo.processInfo.environment["JS_KEEP_TEST_DIRS"] == nil {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        func file(_ name: String) -> String { path + "/" + name }
    }

    /// Runs the built `jointctl` with `arguments` (no agent) and waits for it to exit.
    static func jointctl(_ arguments: [String], in scratch: Scratch) async throws -> JointctlResult {
        let id = UUID().uuidString.prefix(8)
        let out = scratch.file("ctl-\(id).out")
        let err = scratch.file("ctl-\(id).err")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        let process = Process()
        process.executableURL = AgentCluster.binDirectory.appendingPathComponent("jointctl")
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return JointctlResult(
            status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    struct Report: Decodable {
        var curveKey: String?
        var signingKeys: [String: String]
        var entry: Membership.Member?
    }

    @Test(
        "keys generate → membership sign → verify; a flipped signature character, another authority and expiry are refused",
        .timeLimit(.minutes(2)))
    func signAndVerify() async throws {
        let scratch = try Scratch()
        func run(_ arguments: String...) async throws -> JointctlResult {
            try await Self.jointctl(arguments, in: scratch)
        }
        let authority = scratch.file("authority")
        let created = try await run("keys", "generate", "--authority", "test-city", "--dir", authority)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.file("authority/anchor.json")))

        var entries: [Membership.Member] = []
        for (index, department) in ["fire", "market"].enumerated() {
            let keys = scratch.file("keys/\(department)")
            let result = try await run(
                "keys", "generate", "--dir", keys, "--department", department, "--endpoint",
                "tcp://127.0.0.1:\(7100 + index)", "--json")
            #expect(result.status == 0, "\(result.stderr)")
            let report = try result.decode(Report.self)
            var entry = try #require(report.entry)
            #expect(entry.receives == DataRights(), "deny by default")
            #expect(entry.curveKey == report.curveKey)
            // Secrets are mode 0600 and never printed.
            for name in ["curve.key", "signing-0.key"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: keys + "/" + name)
                #expect((attributes[.posixPermissions] as? Int) == 0o600)
                let secret = try String(contentsOfFile: keys + "/" + name, encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(!result.stdout.contains(secret))
            }
            entry.receives = DataRights(kinds: ["intent", "finding"], categories: ["fire-safety"])
            entries.append(entry)
        }
        // Keys are never overwritten; --rotate adds the next signing key and keeps the old one.
        let again = try await run("keys", "generate", "--dir", scratch.file("keys/fire"))
        #expect(again.status == 73)
        #expect(again.stderr.contains("--rotate"))
        let rotated = try await run("keys", "generate", "--dir", scratch.file("keys/fire"), "--rotate", "--json")
        #expect(try rotated.decode(Report.self).signingKeys.keys.sorted() == ["0", "1"])

        // A draft without a version needs --version.
        let draft = scratch.file("draft.json")
        let body = try JSONEncoder().encode(["departments": entries])
        try body.write(to: URL(fileURLWithPath: draft))
        let signed = scratch.file("membership.signed.json")
        let noVersion = try await run("membership", "sign", "--authority", authority, "--in", draft, "--out", signed)
        #expect(noVersion.status == 65)
        #expect(noVersion.stderr.contains("--version"))
        let signing = try await run(
            "membership", "sign", "--authority", authority, "--in", draft, "--out", signed, "--version", "1",
            "--valid-days", "30")
        #expect(signing.status == 0, "\(signing.stderr)")
        let replace = try await run(
            "membership", "sign", "--authority", authority, "--in", draft, "--out", signed, "--version", "1")
        #expect(replace.status == 73, "never replaces a version with the same or an older one")

        let anchor = scratch.file("authority/anchor.json")
        let ok = try await run("membership", "verify", signed, "--anchor", anchor)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("OK: membership version 1"))
        let shown = try await run("membership", "show", signed, "--anchor", authority, "--json")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("\"verified\" : true"))

        // One character of the signature flipped.
        let tampered = scratch.file("tampered.json")
        var file = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: signed))) as? [String: Any])
        var signature = Array(try #require(file["signature"] as? String))
        signature[10] = signature[10] == "A" ? "B" : "A"
        file["signature"] = String(signature)
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: tampered))
        let misSigned = try await run("membership", "verify", tampered, "--anchor", anchor)
        #expect(misSigned.status == 1)
        #expect(misSigned.stderr.contains("NOT valid (mis-signed)"), "\(misSigned.stderr)")
        #expect(try await run("membership", "show", tampered, "--anchor", anchor).status == 1)

        // Another authority's anchor.
        #expect(
            try await run("keys", "generate", "--authority", "other-city", "--dir", scratch.file("other")).status == 0)
        let other = try await run("membership", "verify", signed, "--anchor", scratch.file("other"))
        #expect(other.status == 1)
        #expect(other.stderr.contains("other-authority"))

        // Expired: signed by the same authority (through the library: the tool issues only valid documents).
        let key = try AuthorityKey.load(from: authority)
        let now = Date()
        let old = Membership(
            version: 2, issuedAt: now.addingTimeInterval(-10 * 86400), expiresAt: now.addingTimeInterval(-86400),
            departments: entries)
        let expired = scratch.file("expired.json")
        try SignedMembership.sign(old, with: key).write(to: expired)
        let refused = try await run("membership", "verify", expired, "--anchor", anchor, "--json")
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("\"reason\" : \"expired\""), "\(refused.stdout)")

        try Data("{}".utf8).write(to: URL(fileURLWithPath: tampered))
        let malformed = try await run("membership", "verify", tampered, "--anchor", anchor)
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("malformed"))

        // A key file others can read is refused with the fix.
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o644], ofItemAtPath: scratch.file("keys/market/curve.key"))
        let loose = try await run("keys", "show", "--dir", scratch.file("keys/market"))
        #expect(loose.status == 66)
        #expect(loose.stderr.contains("chmod 600"))
    }

    @Test(
        "membership push spreads a new version from one agent to all; current and metering answer",
        .timeLimit(.minutes(2)))
    func pushSpreads() async throws {
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }

        let draft = cluster.directory.appendingPathComponent("draft.json")
        try Data(cluster.bus.membership.encoded()).write(to: draft)
        let signed = cluster.directory.appendingPathComponent("membership-2.signed.json").path
        let scratch = try Scratch()
        let signing = try await Self.jointctl(
            [
                "membership", "sign", "--authority", cluster.directory.appendingPathComponent("authority").path,
                "--in", draft.path, "--out", signed, "--version", "2", "--valid-days", "10",
            ], in: scratch)
        #expect(signing.status == 0, "\(signing.stderr)")

        let pushed = try await cluster.jointctl("fire", ["membership", "push", signed])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        try await cluster.waitUntil("membership version 2 everywhere") { statuses in
            statuses.count == 3 && statuses.values.allSatisfy { $0.membershipVersion == 2 }
        }
        let again = try await cluster.jointctl("market", ["membership", "push", signed])
        #expect(again.status == 65)
        #expect(again.stderr.contains("not newer"))

        struct Current: Decodable { var version: Int }
        #expect(try await cluster.jointctl("culture", ["membership", "current"], as: Current.self).version == 2)
        let metering = try await cluster.jointctl("fire", ["metering", "--csv"])
        #expect(metering.status == 0, "\(metering.stderr)")
        let lines = metering.stdout.split(separator: "\n")
        #expect(lines.first == "peer,kind,purpose,delivered,withheld,bytes")
        #expect(lines.contains { $0.hasPrefix("market,membership,") }, "the announcement is metered: \(lines)")
    }
}
