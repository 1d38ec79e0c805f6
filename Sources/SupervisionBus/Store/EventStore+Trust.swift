import Foundation
import GRDB

extension EventStore {
    /// Records an adopted signed membership document (idempotent per version).
    public func saveMembership(version: Int, document: [UInt8], adoptedMs: Int64) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO memberships (version, document, adopted_ms) VALUES (?, ?, ?)",
                arguments: [version, Data(document), adoptedMs])
        }
    }

    /// Every adopted signed membership document (the file bytes), by version.
    public func memberships() throws -> [Int: [UInt8]] {
        try pool.read { db in
            var documents: [Int: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT version, document FROM memberships") {
                documents[row["version"]] = Array(row["document"] as Data)
            }
            return documents
        }
    }

    /// Adds metering counters (one transaction).
    public func addMetering(_ records: [MeteringRecord]) throws {
        guard !records.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO metering (peer, kind, purpose, delivered, withheld, bytes) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (peer, kind, purpose) DO UPDATE SET delivered = delivered + excluded.delivered,
                        withheld = withheld + excluded.withheld, bytes = bytes + excluded.bytes
                    """)
            for record in records {
                try statement.execute(arguments: [
                    record.peer, record.kind, record.purpose.rawValue, Int64(record.delivered), Int64(record.withheld),
                    Int64(record.bytes),
                ])
            }
        }
    }

    /// The metering totals since the store was created, sorted by peer, kind and purpose.
    public func metering() throws -> [MeteringRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM metering ORDER BY peer, kind, purpose").map { row in
                MeteringRecord(
                    peer: row["peer"], kind: row["kind"],
                    purpose: MeteringRecord.Purpose(rawValue: row["purpose"]) ?? .fetch,
                    delivered: UInt64(row["delivered"] as Int64), withheld: UInt64(row["withheld"] as Int64),
                    bytes: UInt64(row["bytes"] as Int64))
            }
        }
    }

    /// Moves everything in the write-ahead log into the main file and truncates the log, so that
    /// a stopped agent's `store.sqlite` alone holds every event (called at shutdown).
    public func checkpointWAL() throws {
        try recordingFailure {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
    }
}
