import Foundation
import GRDB
import Logging
import SupervisionBusTesting
import SupervisionProtocol

@testable import SupervisionBus

/// A three-department bus under a real signed membership (``LocalBus``): real replicators over
/// the in-memory network, real stores, real Ed25519 checkpoints, and the membership's data rights.
/// Education may receive `test` events, and findings only in category `education`; market and
/// fire receive everything. Findings here carry their category before a colon
/// (``categorize``), so market's `fire-safety` findings reach education withheld.
final class AuditBus {
    static let departments = ["education", "fire", "market"]
    let directory: URL
    var bus: LocalBus
    let network = InMemoryNetwork(capacity: 256)
    var stores: [String: EventStore] = [:]
    /// Each department's keys (signing keys rotate).
    var keys: [String: KeyDirectory]
    var nodes: [String: Replicator] = [:]
    /// Every membership's keys so far (what `MembershipKeeper` keeps): history stays verifiable.
    var knownKeys: [String: [UInt32: [UInt8]]] = [:]
    /// Every payload appended, by origin and seq.
    var payloads: [String: [UInt64: [UInt8]]] = [:]
    var nowMs: Int64 = 0

    /// The category of a finding: its payload up to the first colon.
    static let categorize: EventCategorizer = { event in
        guard event.kind == .finding else { return nil }
        return String(decoding: event.payload.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self)
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        bus = try LocalBus.create(
            in: directory.path,
            endpoints: Dictionary(uniqueKeysWithValues: Self.departments.map { ($0, "tcp://127.0.0.1:1") }),
            rights: ["education": DataRights(kinds: ["test", "finding"], categories: ["education"])])
        keys = bus.keys
        try adoptKeys(bus.membership)
        for department in Self.departments {
            let store = try EventStore(path: storePath(department), department: department)
            stores[department] = store
            try start(department, keyID: 0)
        }
        try saveMembership()
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var anchor: TrustAnchor { get throws { try TrustAnchor.load(from: bus.anchorFile) } }

    func storePath(_ department: String) -> String { directory.appendingPathComponent("\(department).sqlite").path }

    /// (Re)starts `department`'s replicator over its store, signing with its key `keyID`.
    func start(_ department: String, keyID: UInt32) throws {
        nodes[department] = try Replicator(
            department: department, store: stores[department]!,
            signingKey: keys[department]!.signingKeys[keyID]!, signingKeyID: keyID,
            peers: bus.membership.departments.map(\.id), verifier: CheckpointVerifier(publicKeys: knownKeys),
            policy: DeliveryPolicy(membership: bus.membership, categorize: Self.categorize),
            transport: network.transport(for: department), settings: Cluster.testSettings,
            logger: Logger(label: "test.audit.\(department)"))
    }

    /// Records the membership in force in every store, as an agent does when it adopts one.
    func saveMembership() throws {
        let document = try Array(Data(contentsOf: URL(fileURLWithPath: bus.membershipFile)))
        for store in stores.values {
            try store.saveMembership(version: bus.membership.version, document: document, adoptedMs: nowMs)
        }
    }

    func adoptKeys(_ membership: Membership) throws {
        for (department, byID) in try membership.signingKeys() {
            knownKeys[department, default: [:]].merge(byID) { _, new in new }
        }
    }

    /// Signs and adopts a new membership version everywhere.
    func publish(_ membership: Membership) throws {
        try bus.publish(membership)
        try adoptKeys(membership)
        try saveMembership()
        let members = membership.departments.map(\.id)
        for node in nodes.values {
            node.updateMembership(
                peers: members, verifier: try CheckpointVerifier(publicKeys: knownKeys),
                policy: DeliveryPolicy(membership: membership, categorize: Self.categorize))
        }
    }

    /// Appends `payloads` (kind `kind`) to `origin`'s log, one batch per call.
    func append(_ origin: String, kind: EventKind = .test, _ texts: [String]) throws {
        let drafts = texts.map { EventDraft(kind: kind, payload: Array($0.utf8)) }
        // Own-log recovery: hear from the running peers first; override for the ones stopped.
        for _ in 0..<200 where nodes[origin]!.ownLog.allowsAppends == false { step() }
        nodes[origin]!.overrideRecovery()
        for event in try nodes[origin]!.append(drafts, timestampMs: nowMs) {
            payloads[origin, default: [:]][event.seq] = event.payload
        }
    }

    /// Appends `count` unique `test` payloads to `origin`, in batches of `batch`.
    func appendTests(_ origin: String, count: Int, batch: Int = 7) throws {
        var start = 0
        while start < count {
            let end = min(count, start + batch)
            try append(origin, (start..<end).map { "\(origin)-payload-\($0)-\(UUID().uuidString)" })
            start = end
        }
    }

    /// One simulated step: advance the clock, deliver every queue, tick every node.
    func step() {
        nowMs += 10
        for (department, node) in nodes.sorted(by: { $0.key < $1.key }) {
            node.receive(network.deliver(to: department), nowMs: nowMs)
            node.tick(nowMs: nowMs)
        }
    }

    /// Steps until every node holds the same version vector.
    func converge() -> Bool {
        for _ in 0..<2000 {
            step()
            let vectors = nodes.values.map(\.heads)
            if let first = vectors.first, vectors.allSatisfy({ $0 == first }), network.isIdle { return true }
        }
        return false
    }

    /// Copies `department`'s store file, as an operator would after stopping the agent.
    ///
    /// The store is in WAL mode: committed transactions sit in `<store>-wal` until SQLite
    /// checkpoints them into the main file, so a copy of the main file alone could miss recent
    /// events. `wal_checkpoint(TRUNCATE)` copies every WAL frame into the main file and empties
    /// the WAL (what closing the store does, or `sqlite3 store ".backup copy"` avoids needing);
    /// the test checks the WAL is empty before it copies.
    func copyStore(_ department: String, to name: String) throws -> String {
        let path = storePath(department)
        try stores[department]!.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        guard walSize == 0 else { throw BusError(.storeUnusable, "the WAL still holds \(walSize ?? -1) bytes") }
        let copy = directory.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        return copy
    }
}

/// Byte surgery on a copied store file.
enum StoreFile {
    /// Flips one bit of the byte at `offset` in `needle` at every place `needle` occurs in the
    /// file (a page split can leave a stale copy in free space; flipping it too changes nothing
    /// the audit reads). Returns how many places were changed.
    @discardableResult
    static func flip(_ needle: [UInt8], offset: Int, in path: String) throws -> Int {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var places = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && Array(bytes[index..<index + needle.count]) == needle {
                bytes[index + offset] ^= 0x01
                places += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return places
    }

    /// Runs SQL on a copy (read-write), then checkpoints it so the main file holds the change.
    static func execute(_ sql: String, arguments: StatementArguments = [], on path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try queue.close()
    }
}
