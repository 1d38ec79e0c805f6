import Foundation
import Logging
import SupervisionBus
import SupervisionBusTesting
import SupervisionProtocol

/// A deterministic in-memory bus of real replicators over real (temporary) stores.
final class Cluster {
    let directory: URL
    let network: InMemoryNetwork
    let keys: [String: SigningKey]
    var nodes: [String: Replicator] = [:]
    var nowMs: Int64 = 0
    let settings: ReplicatorSettings
    /// Each node's data rights (default: everything to everyone), applied at its next start.
    var policies: [String: DeliveryPolicy] = [:]
    /// Who holds whose log (default: a flat bus), applied at each node's next start.
    var topology: Topology?

    init(
        _ departments: [String], capacity: Int = 64, settings: ReplicatorSettings = Cluster.testSettings,
        topology: Topology? = nil
    ) throws {
        self.topology = topology
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        network = InMemoryNetwork(capacity: capacity)
        self.settings = settings
        var keys: [String: SigningKey] = [:]
        for department in departments { keys[department] = SigningKey() }
        self.keys = keys
        for department in departments { try start(department) }
    }

    static var testSettings: ReplicatorSettings {
        var settings = ReplicatorSettings()
        settings.heartbeatMs = 100
        settings.maxBatchEvents = 64
        settings.fetchWindowEvents = 500
        settings.fetchTimeoutMs = 1000
        settings.reorderBufferEvents = 512
        return settings
    }

    var verifier: CheckpointVerifier {
        get throws { try CheckpointVerifier(publicKeys: keys.mapValues { [0: $0.publicKey] }) }
    }

    func storePath(_ department: String) -> String { directory.appendingPathComponent("\(department).sqlite").path }

    /// Starts (or restarts, over the same store) a node.
    func start(_ department: String) throws {
        network.cut = network.cut.filter { !$0.contains(department) }
        nodes[department] = try Replicator(
            department: department, store: EventStore(path: storePath(department), department: department),
            signingKey: keys[department]!, peers: topology?.peers(of: department) ?? Array(keys.keys),
            verifier: verifier, policy: policies[department] ?? .everything, topology: topology,
            transport: network.transport(for: department),
            settings: settings,
            logger: Logger(label: "test.\(department)"))
    }

    func stop(_ department: String) {
        nodes[department] = nil
        _ = network.deliver(to: department)
        for other in keys.keys where other != department {
            network.cut.formUnion([[department, other], [other, department]])
        }
    }

    /// One simulated step: advance the clock, deliver every queue, tick every node.
    func step(advanceMs: Int64 = 10) {
        nowMs += advanceMs
        for (department, node) in nodes.sorted(by: { $0.key < $1.key }) {
            node.receive(network.deliver(to: department), nowMs: nowMs)
            node.tick(nowMs: nowMs)
        }
    }

    /// Steps until every running node holds the same version vector as `expected`, or fails after `limit` steps.
    @discardableResult
    func converge(limit: Int = 5000) -> Bool {
        for _ in 0..<limit {
            step()
            let vectors = nodes.values.map(\.heads)
            if let first = vectors.first, vectors.allSatisfy({ $0 == first }), network.isIdle { return true }
        }
        return false
    }

    /// Steps until `department` has recovered its own log from its running peers; when some
    /// peer is stopped it overrides the wait, as an operator would (`jointctl recovery override`).
    func waitRecovered(_ department: String, limit: Int = 200) {
        for _ in 0..<limit where nodes[department]?.ownLog.allowsAppends != true { step() }
        nodes[department]?.overrideRecovery()
    }

    func append(_ department: String, count: Int, kind: EventKind = .test) throws {
        waitRecovered(department)
        let drafts = (0..<count).map { EventDraft(kind: kind, payload: Array("\(department)-\($0)".utf8)) }
        _ = try nodes[department]!.append(drafts, timestampMs: nowMs)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
