import Foundation
import Logging
import SupervisionBus
import SupervisionProtocol

/// One simulated department: its store on the simulated disk and, while its process runs, its
/// replicator. Its clock runs at its own rate (clock skew).
final class SimNode {
    let department: String
    let key: SigningKey
    let path: String
    /// The process, while it runs.
    var replicator: Replicator?
    var store: FaultyStore?
    /// Whether its disk is full (survives restarts).
    var diskFull = false
    /// Its clock's rate against simulated time, and its offset.
    let clockRate: Double
    let clockOffsetMs: Int64
    /// The path of its last backup, if any.
    var backup: String?

    init(department: String, key: SigningKey, path: String, clockRate: Double, clockOffsetMs: Int64) {
        self.department = department
        self.key = key
        self.path = path
        self.clockRate = clockRate
        self.clockOffsetMs = clockOffsetMs
    }

    var isRunning: Bool { replicator != nil }

    /// This node's clock at simulated time `nowMs`.
    func clock(_ nowMs: Int64) -> Int64 { clockOffsetMs + Int64(Double(nowMs) * clockRate) }

    /// Starts the process over the store at `path`.
    func start(
        peers: [String], verifier: CheckpointVerifier, policy: DeliveryPolicy, transport: any BusTransport,
        settings: ReplicatorSettings
    ) throws {
        let store = FaultyStore(try EventStore(path: path, department: department))
        store.full = diskFull
        self.store = store
        let verbose = ProcessInfo.processInfo.environment["SIM_LOG"] == "1"
        var logger = Logger(label: "sim.\(department)") { label in
            verbose ? StreamLogHandler.standardError(label: label) as any LogHandler : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? .debug : .critical
        replicator = try Replicator(
            department: department, store: store, signingKey: key, peers: peers, verifier: verifier, policy: policy,
            transport: transport, settings: settings, logger: logger)
    }

    /// Ends the process at once (kill -9): what it had not stored is gone.
    func crash() {
        replicator = nil
        store = nil
    }

    /// Deletes the store's files (after a crash).
    func deleteStore() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
