import Foundation
import SupervisionAgent
import SupervisionBus
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A full disk under a real agent: a small tmpfs as fire's data directory, filled to the last
/// byte with a filler file, then freed.
@Suite("An agent on a full disk", .serialized)
struct DiskFullTests {
    /// A tmpfs of `megabytes` mounted at `directory`, unmounted by ``unmount()``.
    struct SmallDisk {
        let directory: URL
        let filler: URL

        /// Mounts it; nil with the reason when this machine cannot (not root, no tmpfs).
        static func mount(at directory: URL, megabytes: Int) throws -> (SmallDisk?, String) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let result = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", directory.path])
            guard result.status == 0 else { return (nil, "mount -t tmpfs failed: \(result.output)") }
            return (SmallDisk(directory: directory, filler: directory.appendingPathComponent("filler")), "")
        }

        /// Writes the filler until the file system refuses (ENOSPC); returns its size.
        @discardableResult
        func fill() throws -> Int {
            let fd = open(filler.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            guard fd >= 0 else { throw BusError(.storeUnusable, "cannot create \(filler.path)") }
            defer { close(fd) }
            let chunk = [UInt8](repeating: 0xAB, count: 4096)
            var total = 0
            while true {
                let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if written <= 0 { break }
                total += written
            }
            guard errno == ENOSPC else { throw BusError(.storeUnusable, "filler stopped with errno \(errno)") }
            return total
        }

        func free() throws { try FileManager.default.removeItem(at: filler) }

        func unmount() { _ = try? Self.run("/bin/umount", [directory.path]) }

        static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, output)
        }
    }

    @Test(
        "not ready and appends refused while full, reads and replication go on, recovers by itself, starts read-only",
        .timeLimit(.minutes(5)))
    func fullDisk() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        let (mounted, reason) = try SmallDisk.mount(
            at: cluster.directory.appendingPathComponent("data/fire"), megabytes: 16)
        guard let disk = mounted else {
            print("DiskFullTests skipped: \(reason) (needs root and tmpfs)")
            try Test.cancel("needs a small tmpfs: \(reason)")
        }
        defer {
            cluster.terminate("fire")
            disk.unmount()
        }
        try cluster.startAll()
        for department in ["market", "fire"] { try await cluster.waitReady(department) }
        _ = try await cluster.control("fire", ControlRequest(command: "publish", count: 20), timeoutMs: 30_000)
        _ = try await cluster.control("market", ControlRequest(command: "publish", count: 20), timeoutMs: 30_000)
        try await cluster.waitUntil("fire holds market's events") { $0["fire"]?.heads["market"]?.seq == 20 }
        let entity = try await cluster.jointctl("fire", ["entities", "--limit", "1"], as: [EntityRow].self)[0].code
        let acknowledged = try await cluster.status("fire", timeoutMs: 30_000).heads["fire"]!

        try disk.fill()
        let publish = try await cluster.jointctl("fire", ["publish", "--count", "5", "--size", "2000"])
        #expect(publish.status == 75, "exit \(publish.status): \(publish.stdout) \(publish.stderr)")
        #expect(publish.stderr.contains("full"), "\(publish.stderr)")
        #expect(!publish.stdout.contains("appended"))
        try await cluster.waitUntil("fire reports its full store", timeout: .seconds(30)) {
            $0["fire"].map { !$0.ready && !$0.storeWritable && $0.notReadyReason?.contains("full") == true } ?? false
        }
        let intent = try await cluster.jointctl("fire", ["intent", "add", "--entity", entity, "--period", "2026-Q3"])
        #expect(intent.status == 75, "exit \(intent.status): \(intent.stderr)")
        #expect(intent.stderr.contains("full"))
        // Reads go on; nothing was appended; the peer still receives fire's log.
        #expect(try await cluster.jointctl("fire", ["summary", "--json"]).status == 0)
        #expect(try await cluster.status("fire", timeoutMs: 30_000).heads["fire"] == acknowledged)
        _ = try await cluster.control("market", ControlRequest(command: "publish", count: 10), timeoutMs: 30_000)

        try disk.free()
        try await cluster.waitUntil("fire ready again and caught up", timeout: .seconds(60)) {
            $0["fire"]?.ready == true && $0["fire"]?.heads["market"]?.seq == 30
        }
        let after = try await cluster.jointctl("fire", ["intent", "add", "--entity", entity, "--period", "2026-Q3"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try await cluster.ownHead("fire") == acknowledged.seq + 1)
        try await cluster.waitUntil("market holds fire's log") {
            $0["market"]?.heads["fire"] == $0["fire"]?.heads["fire"]
        }

        // A restart on a full disk starts read-only: serving, not ready, appends refused.
        #expect(cluster.terminate("fire") == 0)
        try disk.fill()
        try cluster.start("fire")
        try await cluster.waitUntil("fire serves read-only", timeout: .seconds(60)) {
            $0["fire"].map { !$0.ready && $0.notReadyReason?.contains("store") == true } ?? false
        }
        let refused = try await cluster.jointctl("fire", ["publish", "--count", "1"])
        #expect(refused.status == 75, "exit \(refused.status): \(refused.stderr)")
        #expect(try await cluster.ownHead("fire") == acknowledged.seq + 1, "nothing acknowledged lost, nothing added")
        try disk.free()
        try await cluster.waitReady("fire")
        #expect(try await cluster.jointctl("fire", ["publish", "--count", "1"]).status == 0)
    }
}
