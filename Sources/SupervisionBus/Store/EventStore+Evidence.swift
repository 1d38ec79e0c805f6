import Foundation
import GRDB
import SupervisionProtocol

extension EventStore: ReplicaStore {
    public func hash(origin: String, seq: UInt64) throws -> Hash256? {
        try pool.read { db in
            try Data.fetchOne(
                db, sql: "SELECT hash FROM events WHERE origin = ? AND seq = ?", arguments: [origin, Int64(seq)]
            ).flatMap { data in data.withUnsafeBytes { Hash256($0) } }
        }
    }

    public func withheld(origin: String) throws -> [WithheldEvent] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, kind, membership_version FROM events
                    WHERE origin = ? AND length(payload) = 0 AND payload_hash != ?
                    ORDER BY seq
                    """,
                arguments: [origin, Data(Hash256.ofEmpty.bytes)]
            ).map {
                WithheldEvent(
                    seq: UInt64($0["seq"] as Int64), kind: EventKind(rawValue: $0["kind"]),
                    settledVersion: $0["membership_version"])
            }
        }
    }

    public func refill(_ events: [EventEnvelope], membershipVersion: Int) throws -> Int {
        let full = events.filter { !$0.payload.isEmpty && $0.payloadHashMatches }
        guard !full.isEmpty else { return 0 }
        return try pool.write { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE events SET payload = ?, membership_version = ?
                    WHERE origin = ? AND seq = ? AND length(payload) = 0 AND hash = ?
                    """)
            var filled = 0
            for event in full {
                try update.execute(arguments: [
                    Data(event.payload), membershipVersion, event.origin, Int64(event.seq),
                    Data(event.computeHash().bytes),
                ])
                filled += db.changesCount
            }
            return filled
        }
    }

    public func settle(origin: String, seqs: [UInt64], membershipVersion: Int) throws {
        guard !seqs.isEmpty else { return }
        try pool.write { db in
            let update = try db.cachedStatement(
                sql: "UPDATE events SET membership_version = ? WHERE origin = ? AND seq = ? AND length(payload) = 0")
            for seq in seqs { try update.execute(arguments: [membershipVersion, origin, Int64(seq)]) }
        }
    }

    public func recordEquivocation(_ evidence: Equivocation) throws {
        try pool.write { db in
            try Self.createEvidenceTable(db)
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO equivocations (origin, seq, held_hash, other_hash, peer, batch, detected_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    evidence.origin, Int64(evidence.seq), Data(evidence.heldHash.bytes), Data(evidence.otherHash.bytes),
                    evidence.peer, Data(evidence.batch), evidence.detectedMs,
                ])
        }
    }

    public func equivocations() throws -> [Equivocation] {
        try pool.read { db in
            guard try db.tableExists("equivocations") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM equivocations ORDER BY rowid").map { row in
                Equivocation(
                    origin: row["origin"], seq: UInt64(row["seq"] as Int64), heldHash: Self.hash256(row["held_hash"]),
                    otherHash: Self.hash256(row["other_hash"]), peer: row["peer"],
                    batch: Array(row["batch"] as Data), detectedMs: row["detected_ms"])
            }
        }
    }

    /// Evidence of equivocations, created with the first one (stores of schema 2 without it read as none).
    private static func createEvidenceTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS equivocations (
                    origin TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    held_hash BLOB NOT NULL,
                    other_hash BLOB NOT NULL,
                    peer TEXT NOT NULL,
                    batch BLOB NOT NULL,
                    detected_ms INTEGER NOT NULL,
                    UNIQUE (origin, seq, other_hash)
                )
                """)
    }

    private static func hash256(_ data: Data) -> Hash256 { data.withUnsafeBytes { Hash256($0) } ?? .zero }
}
