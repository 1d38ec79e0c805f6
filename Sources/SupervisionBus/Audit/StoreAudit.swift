import Foundation
import GRDB
import SupervisionProtocol

/// Audits a copy of an agent's store offline: every event, checkpoint and membership document,
/// against the configuration authority's trust anchor alone.
///
/// The file is opened read-only and never created or migrated; audit a *copy* (stop the agent
/// or `sqlite3 store.sqlite ".backup copy.sqlite"`): the store is in WAL mode, so the main file
/// of a running agent alone can miss recent events. Rows are streamed with cursors, one origin
/// at a time, so memory does not grow with the store.
///
/// In this order (the first failure is the report's ``StoreAuditReport/firstBreak``):
/// 1. `store`: the file is a JointSupervision store of schema 2 and passes `PRAGMA quick_check`;
///    a file that is not, or an SQLite error such as "database disk image is malformed" while
///    reading, is a break, never a thrown error;
/// 2. `membership`: each document in `memberships` verifies against the anchor (signature only:
///    expiry does not matter for history) under its own version; the union of their signing
///    keys verifies checkpoints, so rotated and removed members' history still verifies;
/// 3. per origin, in byte order of the id, then by seq: `sequence` (1…n without gap), `chain`,
///    `event-hash` (recomputed = stored `hash`), `payload-hash` (every present payload),
///    `data-rights` (a present payload of another origin was allowed for the store's
///    department by the membership version recorded with it; version 0, recorded before schema
///    2, counts as unknown), then the checkpoints at that seq: `checkpoint-hash` and
///    `checkpoint-signature`; after the last event, `checkpoint-continuity` (it is covered).
public struct StoreAudit: Sendable {
    /// The configuration authority's public keys.
    public let anchor: TrustAnchor
    /// The categories of event content for data rights (the agent's: `ContentCategories`).
    public let categorize: EventCategorizer
    /// Events between two progress reports.
    public var progressInterval = 100_000

    /// An audit against `anchor`, categorising content with `categorize`.
    public init(anchor: TrustAnchor, categorize: @escaping EventCategorizer) {
        self.anchor = anchor
        self.categorize = categorize
    }

    /// Audits the store file at `path`, calling `progress` every ``progressInterval`` events.
    ///
    /// - Throws: ``BusError`` `.storeUnusable` only when the file cannot be read at all (missing,
    ///   a directory, no permission, or no writable directory for SQLite's `-shm` file beside a
    ///   WAL-mode copy). Everything the file holds, however damaged, is reported.
    public func run(store path: String, progress: (AuditProgress) -> Void = { _ in }) throws -> StoreAuditReport {
        try Self.checkReadable(path)
        var run = AuditRun(path: path, anchor: anchor, categorize: categorize, interval: progressInterval)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "audit"
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in try run.audit(db, progress: progress) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            throw BusError(
                .storeUnusable,
                "cannot open \(path) read-only (\(error.message ?? "unable to open")): SQLite creates \(path)-shm beside a WAL-mode file; copy the store into a writable directory"
            )
        } catch {
            run.stopped(by: error)
        }
        return run.report()
    }

    private static func checkReadable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BusError(.storeUnusable, "no store file at \(path)")
        }
        guard !isDirectory.boolValue else {
            throw BusError(.storeUnusable, "\(path) is a directory; name the store file (store.sqlite) in it")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw BusError(.storeUnusable, "cannot read \(path): permission denied")
        }
    }
}

/// How far a running audit is.
public struct AuditProgress: Sendable, Hashable {
    /// Event rows audited so far.
    public var eventsAudited: Int
    /// Event rows in the store.
    public var eventsTotal: Int
}
