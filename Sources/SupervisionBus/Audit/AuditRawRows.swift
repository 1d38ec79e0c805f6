import GRDB
import GRDBSQLite
import SupervisionProtocol

/// A SELECT stepped through the SQLite C API, its columns read in place: a million rows are
/// audited without copying their hashes (as ``RawInsert`` does for the hot insert). A column
/// is returned only when SQLite holds it with the expected type, so a tampered row of other
/// types is detected, never converted.
struct AuditRawRows {
    private let statement: Statement
    private let db: Database

    /// Prepares `sql` with `arguments`.
    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    private var raw: OpaquePointer { statement.sqliteStatement }

    /// Steps to the next row: `false` after the last; throws the SQLite error (e.g. a corrupt page).
    func next() throws -> Bool {
        let code = sqlite3_step(raw)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: statement.sql)
    }

    /// The integer in column `index`, or `nil` when it holds another type.
    func int64(_ index: Int32) -> Int64? {
        sqlite3_column_type(raw, index) == SQLITE_INTEGER ? sqlite3_column_int64(raw, index) : nil
    }

    /// The text in column `index`, or `nil` when it holds another type.
    func text(_ index: Int32) -> String? {
        guard sqlite3_column_type(raw, index) == SQLITE_TEXT, let text = sqlite3_column_text(raw, index) else {
            return nil
        }
        let count = Int(sqlite3_column_bytes(raw, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Calls `body` with the blob in column `index` (valid only during the call), or with `nil`
    /// when the column holds another type.
    func withBlob<R>(_ index: Int32, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard sqlite3_column_type(raw, index) == SQLITE_BLOB else { return body(nil) }
        let count = Int(sqlite3_column_bytes(raw, index))
        guard count > 0, let bytes = sqlite3_column_blob(raw, index) else {
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return body(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The 32-byte blob in column `index` as a hash, or `nil` when it is not one.
    func hash(_ index: Int32) -> Hash256? {
        withBlob(index) { $0.flatMap { Hash256($0) } }
    }
}
