import Foundation
import GRDB
import SupervisionProtocol

/// Evidence of an equivocation held in an audited store (table `equivocations`), checked
/// offline: the conflicting batch must be a BATCH of the origin whose checkpoint verifies with
/// a key from the store's memberships, and whose chain reaches a checkpoint over it.
public struct AuditedEquivocation: Sendable, Codable, Hashable {
    /// The origin that signed two different events at one seq.
    public var origin: String
    /// The seq at which the two logs differ.
    public var seq: UInt64
    /// The hash the store holds at `seq`, hex.
    public var heldHash: String
    /// The conflicting hash, hex.
    public var otherHash: String
    /// The peer that sent the conflicting batch.
    public var peer: String
    /// `nil` when the conflicting batch is validly signed by the origin (the evidence holds);
    /// otherwise why it does not prove anything.
    public var problem: String?

    /// Reads and checks every record of `db`'s `equivocations` table (none when there is no table).
    static func audit(_ db: Database, keys: AuditKeyRing) throws -> [AuditedEquivocation] {
        guard try db.tableExists("equivocations") else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT origin, seq, held_hash, other_hash, peer, batch FROM equivocations ORDER BY rowid"
        ).map { row in
            let origin: String = row["origin"] ?? ""
            let held = Hash256(bytes: Array(row["held_hash"] as Data? ?? Data()))
            let other = Hash256(bytes: Array(row["other_hash"] as Data? ?? Data()))
            let bytes: Data = row["batch"] ?? Data()
            return AuditedEquivocation(
                origin: origin, seq: UInt64(clamping: row["seq"] as Int64? ?? 0), heldHash: held?.hex ?? "",
                otherHash: other?.hex ?? "", peer: row["peer"] ?? "",
                problem: problem(origin: origin, otherHash: other, batch: Array(bytes), keys: keys))
        }
    }

    private static func problem(origin: String, otherHash: Hash256?, batch bytes: [UInt8], keys: AuditKeyRing)
        -> String?
    {
        guard case .batch(let batch) = try? BusMessage(serializedBytes: bytes) else {
            return "the kept bytes are not a BATCH message"
        }
        guard batch.origin == origin else { return "the batch is of \(batch.origin), not \(origin)" }
        guard let hashes = try? batch.verifyChain(after: nil) else {
            return "the batch's chain does not reach its checkpoint"
        }
        guard let otherHash, hashes.contains(otherHash) else {
            return "the batch holds no event with the conflicting hash"
        }
        return keys.problem(with: batch.checkpoint)
    }
}
