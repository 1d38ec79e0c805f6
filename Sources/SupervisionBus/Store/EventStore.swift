import Foundation
import GRDB
import GRDBSQLite
import SupervisionProtocol
import Synchronization

/// A department agent's durable store: its own log and its replicas of every peer's log.
///
/// SQLite through GRDB in WAL mode with `synchronous = FULL`: a write returns only once it
/// is on disk, so an event is acknowledged only once durable, and a `kill -9` at any moment
/// leaves whole transactions or nothing. Callers batch writes (group commit): one
/// ``append(_:)`` call is one transaction, however many events it carries.
///
/// The store is used from one writer (the node's I/O thread); reads may come from any thread.
///
/// **Full disk.** A write that fails because the disk is full or the file system refuses to
/// write (`SQLITE_FULL`, `SQLITE_IOERR`) throws ``BusError`` `.storeFull` and rolls back: what
/// was committed before stays. ``writeFailure`` then says why until a write succeeds again
/// (``probeWrite()`` tries one); reads go on meanwhile.
public final class EventStore: Sendable {
    /// SQLite `application_id` of a JointSupervision store ("JSBL").
    static let applicationID: Int32 = 0x4A53_424C
    static let schemaVersion = 2
    /// SQLite page size of new stores.
    static let pageSize = 16384

    /// A `DatabasePool`; a `DatabaseQueue` (one connection) when the store was opened on a full disk.
    let pool: any DatabaseWriter
    /// The file this store lives in.
    public let path: String
    /// The department whose agent owns this store.
    public let department: String
    private let failure = Mutex<String?>(nil)

    /// Opens (creating if needed) the store at `path` for `department`.
    ///
    /// Opening an existing store writes nothing, so it works on a full disk: the store then
    /// starts with ``writeFailure`` set and writes again once space returns.
    ///
    /// - Throws: ``BusError`` `.storeUnusable` when the file is corrupt, not a SQLite
    ///   database, a foreign database, or another department's store.
    public init(path: String, department: String) throws {
        self.path = path
        self.department = department
        var configuration = Configuration()
        configuration.label = "store.\(department)"
        configuration.prepareDatabase { db in
            // Takes effect only in a new, empty file (before GRDB turns WAL on). 16 KiB pages cut
            // the write calls and bytes per event of large group commits (1 KB rows) well below
            // 4 KiB pages', while a one-event commit still writes only a few pages to the WAL
            // (64 KiB pages wrote ~128 KiB per such commit and made checkpoints 64 MiB).
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
            // Keep `-wal` and `-shm` when the last connection closes: a restart on a full disk then
            // finds the shared-memory index it cannot create there, and starts read-only.
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        do {
            let (writer, reason) = try Self.open(path: path, configuration: configuration)
            pool = writer
            failure.withLock { $0 = reason }
            // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after
            // `prepareDatabase` has run: then commits are not flushed (not durable on power loss).
            // Set FULL on the writer connection afterwards, so every commit is fsynced.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            // A store of the current schema needs no write to open (so it opens on a full disk).
            if try !pool.read({ db in Self.schemaIsCurrent(db, department: department) }) {
                try pool.write { db in try Self.prepareSchema(db, department: department, path: path) }
            }
        } catch let error as BusError {
            throw error
        } catch {
            throw BusError(
                .storeUnusable,
                "store \(path) cannot be opened (\(error)); if it is corrupt, move it aside and let the agent catch up from its peers"
            )
        }
    }

    /// A pool, or on a full disk (opening a pool writes to an empty WAL) one connection, which
    /// reads and writes once space returns; then also why it could not write.
    private static func open(path: String, configuration: Configuration) throws -> (any DatabaseWriter, String?) {
        do {
            return (try DatabasePool(path: path, configuration: configuration), nil)
        } catch let error as DatabaseError where FileManager.default.fileExists(atPath: path) && isWriteFailure(error) {
            return (try DatabaseQueue(path: path, configuration: configuration), writeFailureReason(error, path: path))
        }
    }

    /// A full disk or a file system that refuses to write.
    static func isWriteFailure(_ error: DatabaseError) -> Bool {
        [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN].contains(error.resultCode)
    }

    static func writeFailureReason(_ error: DatabaseError, path: String) -> String {
        error.resultCode == .SQLITE_FULL
            ? "the disk holding \(path) is full" : "\(path) cannot be written (\(error.message ?? "I/O error"))"
    }

    /// Whether the file is this department's store of the current schema.
    private static func schemaIsCurrent(_ db: Database, department: String) -> Bool {
        (try? Int32.fetchOne(db, sql: "PRAGMA application_id")) == applicationID
            && (try? String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'department'")) == department
            && (try? String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'")) == String(schemaVersion)
            && (try? String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'withheld'")) == "settled-version"
    }

    private static func prepareSchema(_ db: Database, department: String, path: String) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if applicationID == 0 && tableCount == 0 {
            try db.execute(
                sql: """
                    PRAGMA application_id = \(Self.applicationID);
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE events (
                        position INTEGER PRIMARY KEY,
                        origin TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        prev_hash BLOB NOT NULL,
                        timestamp_ms INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        payload_hash BLOB NOT NULL,
                        hash BLOB NOT NULL,
                        membership_version INTEGER NOT NULL DEFAULT 0,
                        UNIQUE (origin, seq)
                    );
                    CREATE TABLE checkpoints (
                        origin TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        event_hash BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        key_id INTEGER NOT NULL,
                        PRIMARY KEY (origin, seq)
                    ) WITHOUT ROWID;
                    """)
            try createVersion2Tables(db)
            try db.execute(
                sql:
                    "INSERT INTO meta (key, value) VALUES ('department', ?), ('schema', ?), ('withheld', 'settled-version')",
                arguments: [department, String(schemaVersion)])
            return
        }
        guard applicationID == Self.applicationID else {
            throw BusError(.storeUnusable, "\(path) is not a JointSupervision store (it is another SQLite database)")
        }
        let owner = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'department'")
        guard owner == department else {
            throw BusError(
                .storeUnusable,
                "store \(path) belongs to department \(owner ?? "?"), not \(department); check data directory")
        }
        var schema = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'")
        if schema == "1" {
            try db.execute(sql: "ALTER TABLE events ADD COLUMN membership_version INTEGER NOT NULL DEFAULT 0")
            try createVersion2Tables(db)
            try db.execute(sql: "UPDATE meta SET value = '2' WHERE key = 'schema'")
            schema = "2"
        }
        guard schema == String(schemaVersion) else {
            throw BusError(
                .storeUnusable, "store \(path) has schema \(schema ?? "?"), this agent reads \(schemaVersion)")
        }
        // A withheld event's membership version says under which rights it is settled (0: not
        // yet). Stores from before recorded the version in force instead: ask for every stub once.
        if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'withheld'") == nil {
            try db.execute(
                sql: "UPDATE events SET membership_version = 0 WHERE length(payload) = 0 AND payload_hash != ?",
                arguments: [Data(Hash256.ofEmpty.bytes)])
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('withheld', 'settled-version')")
        }
    }

    /// Schema 2: the membership version in force when each event was stored, the signed
    /// membership documents adopted, and the metering of deliveries.
    private static func createVersion2Tables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE memberships (
                    version INTEGER PRIMARY KEY,
                    document BLOB NOT NULL,
                    adopted_ms INTEGER NOT NULL
                );
                CREATE TABLE metering (
                    peer TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    delivered INTEGER NOT NULL,
                    withheld INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    PRIMARY KEY (peer, kind, purpose)
                ) WITHOUT ROWID;
                """)
    }

    /// Stores verified batches in one durable transaction. Returns when they are on disk.
    ///
    /// - Parameter membershipVersion: the membership version in force, recorded with each event
    ///   (audit checks that every payload received was allowed by it); a withheld event of a
    ///   batch that does not settle it is recorded with 0.
    public func append(_ batches: [VerifiedBatch], membershipVersion: Int = 0) throws {
        guard !batches.isEmpty else { return }
        try write { db in
            let insertEvent = try db.cachedStatement(
                sql: """
                    INSERT INTO events (origin, seq, prev_hash, timestamp_ms, kind, payload, payload_hash, hash,
                        membership_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let insertCheckpoint = try db.cachedStatement(
                sql:
                    "INSERT OR REPLACE INTO checkpoints (origin, seq, event_hash, signature, key_id) VALUES (?, ?, ?, ?, ?)"
            )
            for batch in batches {
                for (event, hash) in zip(batch.events, batch.hashes) {
                    let version = event.isPayloadWithheld && !batch.settlesWithheld ? 0 : membershipVersion
                    try RawInsert.event(event, hash: hash, membershipVersion: version, statement: insertEvent, db: db)
                }
                let checkpoint = batch.checkpoint
                try insertCheckpoint.execute(arguments: [
                    checkpoint.origin, Int64(checkpoint.seq), Data(checkpoint.eventHash.bytes),
                    Data(checkpoint.signature), Int64(checkpoint.keyId),
                ])
            }
        }
    }

    /// The version vector: for every origin held, the last seq and its hash.
    public func heads() throws -> [String: LogHead] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.origin, e.seq, e.hash FROM events e
                    JOIN (SELECT origin, MAX(seq) AS seq FROM events GROUP BY origin) m
                      ON e.origin = m.origin AND e.seq = m.seq
                    """)
            var heads: [String: LogHead] = [:]
            for row in rows {
                let origin: String = row["origin"]
                heads[origin] = LogHead(seq: UInt64(row["seq"] as Int64), hash: Self.hash(row["hash"]))
            }
            return heads
        }
    }

    /// Events `from`…`through` of `origin`, at most `limit`, in order.
    public func events(origin: String, from: UInt64, through: UInt64, limit: Int = .max) throws -> [EventEnvelope] {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT origin, seq, prev_hash, timestamp_ms, kind, payload, payload_hash, hash FROM events
                    WHERE origin = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?
                    """,
                arguments: [origin, Int64(from), Int64(clamping: through), Int64(clamping: limit)])
            var events: [EventEnvelope] = []
            while let row = try rows.next() { events.append(Self.event(row)) }
            return events
        }
    }

    /// The checkpoint of `origin` with the smallest seq ≥ `seq`, if any.
    public func checkpoint(origin: String, atOrAfter seq: UInt64) throws -> Checkpoint? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM checkpoints WHERE origin = ? AND seq >= ? ORDER BY seq LIMIT 1",
                arguments: [origin, Int64(seq)]
            ).map(Self.checkpoint)
        }
    }

    /// The checkpoint of `origin` with the largest seq in `range`, if any.
    public func lastCheckpoint(origin: String, in range: ClosedRange<UInt64>) throws -> Checkpoint? {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM checkpoints WHERE origin = ? AND seq >= ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
                arguments: [origin, Int64(range.lowerBound), Int64(clamping: range.upperBound)]
            ).map(Self.checkpoint)
        }
    }

    /// All checkpoints of `origin`, in order (for audit).
    public func checkpoints(origin: String) throws -> [Checkpoint] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM checkpoints WHERE origin = ? ORDER BY seq", arguments: [origin])
                .map(Self.checkpoint)
        }
    }

    /// The merged stream: events stored after local `position`, in local arrival order (each
    /// origin in its own order), optionally filtered by kinds and origins.
    public func merged(
        after position: Int64, limit: Int, kinds: Set<String>? = nil, origins: Set<String>? = nil
    ) throws -> [StoredEvent] {
        try pool.read { db in
            var sql = """
                SELECT position, origin, seq, prev_hash, timestamp_ms, kind, payload, payload_hash, hash FROM events
                WHERE position > ?
                """
            var arguments: StatementArguments = [position]
            if let kinds {
                sql += " AND kind IN (\(databaseQuestionMarks(count: kinds.count)))"
                arguments += StatementArguments(kinds.sorted())
            }
            if let origins {
                sql += " AND origin IN (\(databaseQuestionMarks(count: origins.count)))"
                arguments += StatementArguments(origins.sorted())
            }
            sql += " ORDER BY position LIMIT ?"
            arguments += [Int64(limit)]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var events: [StoredEvent] = []
            while let row = try rows.next() {
                events.append(
                    StoredEvent(position: row["position"], event: Self.event(row), hash: Self.hash(row["hash"])))
            }
            return events
        }
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL) and `PRAGMA page_size`.
    func writerSettings() throws -> (synchronous: Int, pageSize: Int) {
        try pool.writeWithoutTransaction { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                try Int.fetchOne(db, sql: "PRAGMA page_size") ?? -1
            )
        }
    }

    /// Why the last write failed (disk full, I/O error), or nil once a write has succeeded.
    public var writeFailure: String? { failure.withLock { $0 } }

    /// Runs `body` in a write transaction; a full disk or an I/O error becomes ``BusError``
    /// `.storeFull` and sets ``writeFailure``, a success clears it.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try recordingFailure { try pool.write(body) }
    }

    /// Runs `body`, turning a full disk or an I/O error into ``BusError`` `.storeFull`.
    func recordingFailure<T>(_ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            failure.withLock { $0 = nil }
            return result
        } catch let error as DatabaseError where Self.isWriteFailure(error) {
            let reason = Self.writeFailureReason(error, path: path)
            failure.withLock { $0 = reason }
            throw BusError(
                .storeFull,
                "\(reason): nothing was stored; free space there (the agent keeps serving reads and accepts appends again by itself)"
            )
        }
    }

    /// Bytes a write probe stores and removes: a write of this size must fit for the store to count as writable.
    static let probeBytes = 64 << 10

    /// Tries a write of ``probeBytes`` (stored, then removed); throws ``BusError`` `.storeFull`
    /// while the disk is full. Clears ``writeFailure`` when it succeeds.
    public func probeWrite() throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('write-probe', ?)",
                arguments: [String(repeating: "p", count: Self.probeBytes)])
        }
        try write { db in try db.execute(sql: "DELETE FROM meta WHERE key = 'write-probe'") }
    }

    /// The highest local position stored (0 when empty).
    public func lastPosition() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM events") ?? 0 }
    }

    private static func event(_ row: Row) -> EventEnvelope {
        EventEnvelope(
            origin: row["origin"], seq: UInt64(row["seq"] as Int64), prevHash: hash(row["prev_hash"]),
            timestampMs: row["timestamp_ms"], kind: EventKind(rawValue: row["kind"]),
            payload: Array(row["payload"] as Data), payloadHash: hash(row["payload_hash"]))
    }

    private static func checkpoint(_ row: Row) -> Checkpoint {
        Checkpoint(
            origin: row["origin"], seq: UInt64(row["seq"] as Int64), eventHash: hash(row["event_hash"]),
            signature: Array(row["signature"] as Data), keyId: UInt32(row["key_id"] as Int64))
    }

    /// A stored hash column; the schema only ever holds 32-byte values there.
    private static func hash(_ data: Data) -> Hash256 {
        data.withUnsafeBytes { Hash256($0) } ?? .zero
    }
}
