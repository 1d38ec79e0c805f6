import Foundation
import SupervisionBus
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Agent start-up and shutdown")
struct AgentLifecycleTests {
    @Test("SIGTERM stops an agent cleanly with exit status 0", .timeLimit(.minutes(1)))
    func gracefulShutdown() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try await cluster.waitReady("market")
        _ = try await cluster.control("market", ControlRequest(command: "publish", count: 50))
        let status = cluster.terminate("market")
        #expect(status == 0, "exit status \(status)")
        #expect(cluster.log("market").contains("stopped"))
    }

    @Test("a corrupt store refuses to start with a clear error, and is left untouched", .timeLimit(.minutes(1)))
    func corruptStore() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        let data = cluster.directory.appendingPathComponent("data/market")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let store = data.appendingPathComponent("store.sqlite")
        let garbage = Data((0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: store)
        try cluster.start("market")
        let status = cluster.wait("market")
        #expect(status != 0)
        #expect(cluster.log("market").contains("cannot be opened"))
        #expect(try Data(contentsOf: store) == garbage, "nothing overwritten")
    }

    @Test(
        "a key file group or others can access is refused at start-up, with the fix in the message",
        .timeLimit(.minutes(1)), arguments: [("curve.key", 0o644), ("signing-0.key", 0o640), ("signing-0.key", 0o604)])
    func looseKeyFile(file: String, mode: Int) async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        let path = cluster.directory.appendingPathComponent("keys/market/\(file)").path
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        try cluster.start("market")
        #expect(cluster.wait("market") == 78)
        let log = cluster.log("market")
        #expect(log.contains("chmod 600 \(path)"))
    }
}
