import GRDB
import GRDBSQLite
import SupervisionProtocol

/// Binds an event straight through the SQLite C API on a GRDB-prepared statement, then steps
/// and resets it: the hot insert of ``EventStore/append(_:)`` without GRDB's per-row argument
/// boxing (`StatementArguments`, one `Data` per blob). Values are copied by SQLite
/// (`SQLITE_TRANSIENT`), so nothing outlives the call.
enum RawInsert {
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Runs `INSERT INTO events (origin, seq, prev_hash, timestamp_ms, kind, payload, payload_hash, hash,
    /// membership_version)`.
    static func event(
        _ event: EventEnvelope, hash: Hash256, membershipVersion: Int, statement: Statement, db: Database
    ) throws {
        let raw = statement.sqliteStatement
        var code = bindText(raw, 1, event.origin)
        code |= sqlite3_bind_int64(raw, 2, Int64(bitPattern: event.seq))
        code |= bindHash(raw, 3, event.prevHash)
        code |= sqlite3_bind_int64(raw, 4, event.timestampMs)
        code |= bindText(raw, 5, event.kind.rawValue)
        code |= event.payload.withUnsafeBytes { bytes in
            // An empty payload is an empty blob, never NULL (the column is NOT NULL).
            bytes.isEmpty
                ? sqlite3_bind_zeroblob(raw, 6, 0)
                : sqlite3_bind_blob(raw, 6, bytes.baseAddress, Int32(bytes.count), transient)
        }
        code |= bindHash(raw, 7, event.payloadHash)
        code |= bindHash(raw, 8, hash)
        code |= sqlite3_bind_int64(raw, 9, Int64(membershipVersion))
        let step = code == SQLITE_OK ? sqlite3_step(raw) : code
        sqlite3_reset(raw)
        guard step == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: statement.sql)
        }
    }

    private static func bindText(_ raw: OpaquePointer, _ index: Int32, _ text: String) -> Int32 {
        if text.isEmpty { return sqlite3_bind_text(raw, index, "", 0, transient) }
        var text = text
        return text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(raw, index, $0.baseAddress, Int32($0.count), transient)
            }
        }
    }

    private static func bindHash(_ raw: OpaquePointer, _ index: Int32, _ hash: Hash256) -> Int32 {
        hash.withUnsafeBytes { sqlite3_bind_blob(raw, index, $0.baseAddress, 32, transient) }
    }
}
