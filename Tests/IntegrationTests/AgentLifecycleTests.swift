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

    @Test(
        "a normal start logs no refused connection: the ZAP self-check's own key is not an intruder",
        .timeLimit(.minutes(1)))
    func selfCheckNotLoggedAsRefused() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }
        for department in cluster.departments {
            #expect(!cluster.log(department).contains("connection refused"), "\(department)")
        }
    }

    @Test("a bus port already in use stops the start with exit status 69, not 1", .timeLimit(.minutes(1)))
    func busPortInUse() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        let port = cluster.ports["market"]!
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0 && listen(holder, 1) == 0)
        try cluster.start("market")
        #expect(cluster.wait("market") == 69)
        #expect(cluster.log("market").contains("cannot listen on the bus endpoint"))
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
