import Foundation
import SupervisionBus
import SupervisionBusTesting
import SupervisionProtocol
import Synchronization
import ZeroMQ

#if canImport(Glibc)
    import Glibc
#endif

/// Real `supervision-agent` processes on loopback with ephemeral ports, driven through their
/// control endpoints and stopped by PID.
final class AgentCluster: @unchecked Sendable {
    let directory: URL
    let departments: [String]
    let ports: [String: Int]
    /// Authority, keys, signed membership and configurations.
    var bus: LocalBus
    private(set) var pids: [String: pid_t] = [:]
    let context: Context

    /// The directory holding the built executables.
    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["JS_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug")
    }

    /// - Parameter settings: extra configuration keys per department (the agent's domain
    ///   settings, e.g. `consentPolicy`), merged into its configuration file.
    /// - Parameter rights: data rights per department in the membership (default: everything).
    /// - Parameter placements: department kind and jurisdiction per department (default: the
    ///   id is the kind, at city level).
    /// - Parameter hosts: per department, the address its bus endpoint binds to, and the
    ///   network namespace its process runs in (default: loopback, with a free port each).
    init(
        _ departments: [String], heartbeatMs: Int = 200, settings: [String: [String: any Sendable]] = [:],
        rights: [String: DataRights] = [:], placements: [String: LocalBus.Placement] = [:],
        hosts: [String: (address: String, namespace: String)] = [:], authority: String = "local-authority"
    ) throws {
        self.departments = departments
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "agents-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        context = try Context(defaultLingerMilliseconds: 0)
        var ports: [String: Int] = [:]
        var endpoints: [String: String] = [:]
        for department in departments {
            if let host = hosts[department] {
                ports[department] = Self.namespacePort
                endpoints[department] = "tcp://\(host.address):\(Self.namespacePort)"
                namespaces[department] = host.namespace
            } else {
                ports[department] = try Self.freePort()
                endpoints[department] = "tcp://127.0.0.1:\(ports[department]!)"
            }
        }
        self.ports = ports
        bus = try LocalBus.create(
            in: directory.path, endpoints: endpoints, rights: rights, placements: placements,
            heartbeatMs: Int64(heartbeatMs), testCommands: true, configure: settings, authority: authority)
    }

    /// The bus port of agents in network namespaces of their own.
    static let namespacePort = 7100
    /// The network namespace of each agent that runs in one.
    private var namespaces: [String: String] = [:]

    /// The agents' signing keys (the newest of each department).
    var keys: [String: SigningKey] { bus.keys.mapValues { $0.signingKeys.sorted { $0.key < $1.key }.last!.value } }

    /// A DEALER (made on the calling thread, which must own it) connected to `target`'s bus
    /// ROUTER as `department` would: CURVE client with `department`'s keys (or `curve`),
    /// and routing id `routingID` (default: `department`; `""`: none).
    func dealer(
        to target: String, as department: String, routingID: String? = nil, curve: CurveKeyPair? = nil,
        beforeConnect: (Socket) throws -> Void = { _ in }
    ) throws -> Socket {
        let dealer = try context.makeSocket(.dealer)
        // An empty routingID leaves it to the ROUTER, which makes one starting with a zero byte.
        if routingID != "" { try dealer.set(.routingId, Array((routingID ?? department).utf8)) }
        try dealer.set(.linger, 5000)  // deliver everything before close
        let serverKey = try bus.membership.member(target)!.curvePublicKey()
        try dealer.makeCurveClient(serverKey: serverKey, keyPair: curve ?? bus.keys[department]!.curve)
        try beforeConnect(dealer)
        try dealer.connect("tcp://127.0.0.1:\(ports[target]!)")
        return dealer
    }

    func controlEndpoint(_ department: String) -> String {
        "ipc://" + directory.appendingPathComponent("data/\(department)/control.sock").path
    }

    func logFile(_ department: String) -> URL { directory.appendingPathComponent("\(department).log") }

    /// Starts the agent of `department` (appending to its log file).
    func start(_ department: String) throws {
        let process = Process()
        let agent = Self.binDirectory.appendingPathComponent("supervision-agent")
        let arguments = ["run", "--config", directory.appendingPathComponent("\(department).json").path]
        if let namespace = namespaces[department] {
            // `ip netns exec` execs the agent: the PID is the agent's.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["ip", "netns", "exec", namespace, agent.path] + arguments
        } else {
            process.executableURL = agent
            process.arguments = arguments
        }
        let log = logFile(department)
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
        pids[department] = process.processIdentifier
        processes[department] = process
    }

    /// Foundation reaps its children itself, so exits are read from the `Process`, not `waitpid`.
    private var processes: [String: Process] = [:]

    /// Blocks until the agent's process has exited; its exit status, or 128 + signal.
    private func reap(_ department: String) -> Int32 {
        guard let process = processes.removeValue(forKey: department) else { return -1 }
        process.waitUntilExit()
        let status = process.terminationStatus
        return process.terminationReason == .exit ? status : 128 + status
    }

    func startAll() throws { for department in departments { try start(department) } }

    /// Sends `signal` to the agent's PID.
    func signal(_ department: String, _ signal: Int32) {
        if let pid = pids[department] { kill(pid, signal) }
    }

    /// `kill -9` and reap.
    func kill9(_ department: String) {
        guard let pid = pids.removeValue(forKey: department) else { return }
        kill(pid, SIGKILL)
        _ = reap(department)
    }

    /// Waits for an agent that exits on its own; returns its exit status.
    func wait(_ department: String) -> Int32 {
        guard pids.removeValue(forKey: department) != nil else { return -1 }
        return reap(department)
    }

    /// SIGTERM and wait for a clean exit; returns the exit status.
    @discardableResult
    func terminate(_ department: String) -> Int32 {
        guard let pid = pids.removeValue(forKey: department) else { return -1 }
        kill(pid, SIGCONT)
        kill(pid, SIGTERM)
        return reap(department)
    }

    /// Sends a control request from a dedicated thread (blocking ZeroMQ stays off the cooperative pool).
    /// Sends a control request; waits up to 30 s for the reply by default (a loaded 2-core machine).
    func control(_ department: String, _ request: ControlRequest, timeoutMs: Int = 30_000) async throws -> ControlReply
    {
        let endpoint = controlEndpoint(department)
        let context = self.context
        return try await ZMQThread(name: "control") {
            let client = try ControlClient(context: context, endpoint: endpoint)
            defer { client.close() }
            return try client.send(request, timeoutMs: timeoutMs)
        }.value
    }

    func status(_ department: String, timeoutMs: Int = 2000) async throws -> NodeStatus {
        guard let status = try await control(department, ControlRequest(command: "status"), timeoutMs: timeoutMs).status
        else {
            throw BusError(.transport, "no status from \(department)")
        }
        return status
    }

    /// Polls observable state (each agent's status) until `condition` holds or `timeout` passes.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(60), _ condition: ([String: NodeStatus]) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        var last: [String: NodeStatus] = [:]
        while ContinuousClock.now < deadline {
            var statuses: [String: NodeStatus] = [:]
            for department in pids.keys {
                statuses[department] = try? await status(department)
            }
            last = statuses
            if condition(statuses) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let summary = last.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.heads.mapValues(\.seq))" }
        let logs = departments.map { department in
            "--- \(department)\n" + log(department).split(separator: "\n").suffix(15).joined(separator: "\n")
        }
        throw BusError(
            .transport, "timed out waiting for \(what); last seen \(summary)\n\(logs.joined(separator: "\n"))")
    }

    /// Waits until the agent serves and takes appends: it has heard from every peer and holds
    /// its own log as they do (own-log recovery). While some of the cluster's agents are not
    /// started, it ends the wait for them as an operator would (`jointctl recovery --override`).
    func waitReady(_ department: String) async throws {
        try await waitUntil("\(department) answers", timeout: .seconds(60)) { $0[department] != nil }
        if departments.contains(where: { pids[$0] == nil }) {
            _ = try await control(department, ControlRequest(command: "recovery", arguments: ["override": "true"]))
        }
        try await waitUntil("\(department) ready", timeout: .seconds(60)) { $0[department]?.ready == true }
    }

    func log(_ department: String) -> String {
        (try? String(contentsOf: logFile(department), encoding: .utf8)) ?? ""
    }

    /// Stops every agent by PID and removes the directory.
    func shutdown() {
        for department in Array(pids.keys) { terminate(department) }
        context.terminate()
        if ProcessInfo.processInfo.environment["JS_KEEP_TEST_DIRS"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// An unused loopback TCP port (bound then released).
    /// The next port to try: clusters of one test process take ports from one sequence, below
    /// the kernel's ephemeral range (32768…), so two clusters starting at once, or an outgoing
    /// connection, never take the port a cluster's membership gave an agent that is not up yet.
    private static let nextPort = Mutex(20_000 + Int(getpid() % 64) * 150)

    static func freePort() throws -> Int {
        for _ in 0..<2000 {
            let port = nextPort.withLock { next -> Int in
                next = next >= 32_000 ? 20_000 : next + 1
                return next
            }
            if isFree(port) { return port }
        }
        throw BusError(.transport, "cannot find a free port in 20000…32000")
    }

    /// Whether a TCP port can be bound on loopback now.
    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        return bound == 0
    }
}

extension AgentCluster {
    /// `department`'s own seq as its node holds it (test events included), waiting up to 30 s
    /// for the reply (a loaded machine).
    func ownHead(_ department: String) async throws -> UInt64 {
        try await status(department, timeoutMs: 30_000).heads[department]?.seq ?? 0
    }
}
