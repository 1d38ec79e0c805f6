import Foundation
import GRDB
import SupervisionProtocol

/// An `events` row as stored, decoded without trusting its types (a tampered file may hold
/// anything): a value of the wrong type is a `store` failure, never a crash.
struct AuditEventRow {
    var seq: Int64
    var event: EventEnvelope
    var hash: Hash256
    var membershipVersion: Int64
    /// The payload as stored; ``event`` carries it only once it is needed (data rights).
    var payload: Data

    /// The columns selected, in order.
    static let columns = "seq, prev_hash, timestamp_ms, kind, payload, payload_hash, hash, membership_version"

    /// Decodes a row of `origin`, or returns what is wrong with it.
    static func decode(_ row: Row, origin: String) -> Result<AuditEventRow, AuditRowProblem> {
        guard let seq = Int64.fromDatabaseValue(row[0]) else {
            return .failure(.init(seq: nil, "seq is not an integer"))
        }
        let at = UInt64(clamping: seq)
        guard let timestamp = Int64.fromDatabaseValue(row[2]) else {
            return .failure(.init(seq: at, "timestamp_ms is not an integer"))
        }
        guard let kind = String.fromDatabaseValue(row[3]) else { return .failure(.init(seq: at, "kind is not text")) }
        guard let payload = Data.fromDatabaseValue(row[4]) else {
            return .failure(.init(seq: at, "payload is not a blob"))
        }
        guard let version = Int64.fromDatabaseValue(row[7]) else {
            return .failure(.init(seq: at, "membership_version is not an integer"))
        }
        var hashes: [Hash256] = []
        for (index, name) in [(1, "prev_hash"), (5, "payload_hash"), (6, "hash")] {
            guard let data = Data.fromDatabaseValue(row[index]), let hash = data.withUnsafeBytes({ Hash256($0) })
            else { return .failure(.init(seq: at, "\(name) is not a 32-byte blob")) }
            hashes.append(hash)
        }
        let event = EventEnvelope(
            origin: origin, seq: UInt64(bitPattern: seq), prevHash: hashes[0], timestampMs: timestamp,
            kind: EventKind(rawValue: kind), payload: [], payloadHash: hashes[1])
        return .success(
            AuditEventRow(seq: seq, event: event, hash: hashes[2], membershipVersion: version, payload: payload))
    }

    /// Whether the payload is withheld: empty while `payload_hash` is not SHA-256 of nothing.
    var isPayloadWithheld: Bool { payload.isEmpty && event.payloadHash != Hash256.ofEmpty }
}

/// A `checkpoints` row as stored.
struct AuditCheckpointRow {
    var seq: Int64
    var checkpoint: Checkpoint

    /// The columns selected, in order.
    static let columns = "seq, event_hash, signature, key_id"

    /// Decodes a row of `origin`, or returns what is wrong with it.
    static func decode(_ row: Row, origin: String) -> Result<AuditCheckpointRow, AuditRowProblem> {
        guard let seq = Int64.fromDatabaseValue(row[0]) else {
            return .failure(.init(seq: nil, "checkpoint seq is not an integer"))
        }
        let at = UInt64(clamping: seq)
        guard let data = Data.fromDatabaseValue(row[1]), let hash = data.withUnsafeBytes({ Hash256($0) }) else {
            return .failure(.init(seq: at, "checkpoint event_hash is not a 32-byte blob"))
        }
        guard let signature = Data.fromDatabaseValue(row[2]) else {
            return .failure(.init(seq: at, "checkpoint signature is not a blob"))
        }
        guard let keyID = Int64.fromDatabaseValue(row[3]).flatMap(UInt32.init(exactly:)) else {
            return .failure(.init(seq: at, "checkpoint key_id is not a 32-bit unsigned integer"))
        }
        let checkpoint = Checkpoint(
            origin: origin, seq: UInt64(bitPattern: seq), eventHash: hash, signature: Array(signature), keyId: keyID)
        return .success(AuditCheckpointRow(seq: seq, checkpoint: checkpoint))
    }
}

/// A row whose values do not have the schema's types.
struct AuditRowProblem: Error {
    var seq: UInt64?
    var message: String

    init(seq: UInt64?, _ message: String) {
        self.seq = seq
        self.message = message
    }
}
