import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `scripts/chaos` in short: four agents in four network namespaces, one round of every fault
/// kind (seed 1), then convergence, no acknowledged loss and `jointctl audit verify`. Runs only
/// as root with `ip netns` (skipped, with the reason printed, otherwise).
@Suite("chaos across hosts (scripts/chaos, short)")
struct ChaosTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Why the chaos run cannot run here, or nil.
    static let unavailable: String? = {
        if getuid() != 0 { return "not root: network namespaces, iptables and tmpfs mounts need root" }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["ip", "netns", "list"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do {
            try probe.run()
            probe.waitUntilExit()
        } catch { return "`ip` is not installed" }
        if probe.terminationStatus != 0 { return "`ip netns` does not work here" }
        return nil
    }()

    static var enabled: Bool {
        if let reason = unavailable { print("ChaosTests skipped: \(reason)") }
        return unavailable == nil
    }

    @Test(
        "seed 1, one round of every fault kind: PASS", .enabled(if: ChaosTests.enabled, "needs root and ip netns"),
        .timeLimit(.minutes(4)))
    func seedOne() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("chaos-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let logURL = out.appendingPathComponent("run.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/chaos")
        process.arguments = [
            "--seed", "1", "--steps", "small", "--duration", "32", "--converge-timeout", "45", "--no-build",
            "--out", out.appendingPathComponent("run").path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["JS_BIN_DIR"] = AgentCluster.binDirectory.path
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
        // Bounded: SIGTERM (the script's trap cleans up) after 170 s.
        let deadline = Date().addingTimeInterval(170)
        while process.isRunning && Date() < deadline { usleep(200_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        try log.close()
        let output = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        let tail = output.split(separator: "\n").suffix(40).joined(separator: "\n")
        #expect(!timedOut, "scripts/chaos did not finish within 170 s\n\(tail)")
        #expect(process.terminationStatus == 0, "scripts/chaos exited \(process.terminationStatus)\n\(tail)")
        #expect(output.contains("== PASS (seed 1)"), "\(tail)")
    }
}
