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

    @Test("a key file others can read is refused at start-up", .timeLimit(.minutes(1)))
    func looseKeyFile() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o644], ofItemAtPath: cluster.directory.appendingPathComponent("market.key").path)
        try cluster.start("market")
        #expect(cluster.wait("market") != 0)
        #expect(cluster.log("market").contains("chmod 600"))
    }
}
