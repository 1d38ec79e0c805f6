import Foundation
import SupervisionBus
import SupervisionBusTesting
import ZeroMQ

#if canImport(Glibc)
    import Glibc
#endif

/// Real `supervision-agent` processes on loopback with ephemeral ports: keys, membership and
/// configurations in a temporary directory, driven through their control endpoints, stopped
/// by PID. Used from one plain thread (its control sockets are blocking ZeroMQ).
final class AgentGroup {
    let directory: String
    let departments: [String]
    let agentPath: String
    private(set) var pids: [String: pid_t] = [:]
    /// Each agent's bus port (loopback), outside the kernel's ephemeral range.
    let ports: [String: Int]
    /// Who holds whose log, and so whom each agent should see connected.
    let topology: Topology
    private var clients: [String: ControlClient] = [:]
    private let context: Context

    /// - Parameter placements: department kind and jurisdiction per department (default: the
    ///   id is the kind, at city level: one flat scope).
    init(
        parent: String, departments: [String], agentPath: String, heartbeatMs: Int64, insecureTransport: Bool = false,
        placements: [String: LocalBus.Placement] = [:]
    ) throws {
        self.departments = departments
        self.agentPath = agentPath
        directory = try makeTemporaryDirectory(in: parent, prefix: "agents-")
        context = try Context(defaultLingerMilliseconds: 0)
        var ports: [String: Int] = [:]
        for department in departments { ports[department] = try freeListenPort(excluding: Set(ports.values)) }
        self.ports = ports
        let bus = try LocalBus.create(
            in: directory, endpoints: ports.mapValues { "tcp://127.0.0.1:\($0)" }, placements: placements,
            heartbeatMs: heartbeatMs, insecureTransport: insecureTransport, testCommands: true)
        topology = Topology(bus.membership)
    }

    /// CPU seconds and bytes written so far by the running agents (all, or those named).
    func usage(_ names: [String]? = nil) -> (cpuSeconds: Double, writeBytes: UInt64) {
        var total = (cpuSeconds: 0.0, writeBytes: UInt64(0))
        for (department, pid) in pids where names?.contains(department) ?? true {
            let one = processUsage(pid)
            total.cpuSeconds += one.cpuSeconds
            total.writeBytes += one.writeBytes
        }
        return total
    }

    func logPath(_ department: String) -> String { "\(directory)/\(department).log" }
    func storePath(_ department: String) -> String { "\(directory)/data/\(department)/store.sqlite" }
    func controlEndpoint(_ department: String) -> String { "ipc://\(directory)/data/\(department)/control.sock" }

    func start(_ department: String) throws {
        pids[department] = try spawn(
            agentPath, ["run", "--config", "\(directory)/\(department).json"], output: logPath(department))
    }

    func startAll() throws { for department in departments { try start(department) } }

    /// SIGTERM and wait (SIGKILL after 10 s).
    func stop(_ department: String) {
        clients.removeValue(forKey: department)?.close()
        if let pid = pids.removeValue(forKey: department) { stopProcess(pid) }
    }

    /// Stops every agent by PID, closes the control sockets, removes the directory.
    func shutdown() {
        for department in Array(pids.keys) { stop(department) }
        for client in clients.values { client.close() }
        clients = [:]
        context.terminate()
        Cleanup.shared.remove(directory: directory)
    }

    /// One control round trip; a failed one drops the client so a late reply cannot be mistaken for the next.
    func control(_ department: String, _ request: ControlRequest, timeoutMs: Int = 5000) throws -> ControlReply {
        let client = try clients[department] ?? ControlClient(context: context, endpoint: controlEndpoint(department))
        clients[department] = client
        do {
            let reply = try client.send(request, timeoutMs: timeoutMs)
            guard reply.ok else { throw BenchError("\(department) refused \(request.command): \(reply.error ?? "?")") }
            return reply
        } catch {
            client.close()
            clients[department] = nil
            throw error
        }
    }

    /// `department`'s status; `brief`: without the per-peer part, which is large on a large bus.
    func status(_ department: String, timeoutMs: Int = 5000, brief: Bool = false) throws -> NodeStatus {
        let request = ControlRequest(command: "status", arguments: brief ? ["peers": "none"] : nil)
        guard let status = try control(department, request, timeoutMs: timeoutMs).status
        else {
            throw BenchError("\(department) sent no status")
        }
        return status
    }

    /// Polls `department` every `pollMs` until `condition` holds; returns the status that satisfied it.
    @discardableResult
    func waitFor(
        _ department: String, _ what: String, timeoutSeconds: Double, pollMs: Int = 50,
        _ condition: (NodeStatus) -> Bool
    ) throws -> NodeStatus {
        let start = monotonicNanos()
        var last: NodeStatus?
        while secondsSince(start) < timeoutSeconds {
            if let status = try? self.status(department) {
                last = status
                if condition(status) { return status }
            }
            try checkAlive()
            sleepMs(pollMs)
        }
        throw BenchError(
            "timed out after \(Int(timeoutSeconds)) s waiting for \(what); \(department) last showed "
                + "\(last.map { "\($0.heads.mapValues(\.seq))" } ?? "no status")")
    }

    /// Waits until every running agent answers and sees every running peer (``Topology/peers(of:)``) as alive.
    func waitConnected(timeoutSeconds: Double = 30) throws {
        let running = Set(pids.keys)
        for department in running.sorted() {
            let peers = running.intersection(topology.peers(of: department))
            try waitFor(department, "\(department) ready and connected", timeoutSeconds: timeoutSeconds) { status in
                status.ready
                    && peers.allSatisfy { peer in
                        status.peers.contains { $0.department == peer && $0.liveness == .alive }
                    }
            }
        }
    }

    /// Throws if an agent died (with the tail of its log).
    func checkAlive() throws {
        for (department, pid) in pids {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pids[department] = nil
                Cleanup.shared.untrack(pid)
                throw BenchError("agent \(department) exited (status \(status)); log tail:\n\(logTail(department))")
            }
        }
    }

    func logTail(_ department: String, lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: logPath(department), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
