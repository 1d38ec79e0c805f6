import Foundation
import GRDB

extension EventStore {
    /// Writes a consistent copy of the whole store to `path` (SQLite `VACUUM INTO`), while the
    /// store is in use: one file, no write-ahead log beside it. Restoring it is safe only through
    /// own-log recovery (an agent started on it appends nothing before its peers have told it
    /// what it lacks). Fails if `path` exists.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BusError(.storeUnusable, "\(path) exists; a backup never overwrites a file")
        }
        do {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
        } catch {
            throw BusError(.storeUnusable, "cannot write a backup of \(self.path) to \(path): \(error)")
        }
    }
}
