import SupervisionProtocol

/// An `events` row as stored, decoded without trusting its types (a tampered file may hold
/// anything): a value of the wrong type is a `store` failure, never a crash.
struct AuditEventRow {
    var seq: Int64
    /// The event; its payload is copied only for another origin's event (data rights).
    var event: EventEnvelope
    /// The stored `hash` column.
    var hash: Hash256
    var membershipVersion: Int64
    /// The stored payload's length.
    var payloadCount: Int
    /// SHA-256 of the stored payload, when it is not empty.
    var payloadDigest: Hash256?

    /// The columns selected, in the order ``decode(_:origin:copyPayload:)`` reads them.
    static let columns = "seq, prev_hash, timestamp_ms, kind, payload, payload_hash, hash, membership_version"

    /// Decodes the current row of `origin`, or returns what is wrong with it. With
    /// `copyPayload`, ``event`` carries the payload.
    static func decode(
        _ rows: AuditRawRows, origin: String, copyPayload: Bool
    ) -> Result<AuditEventRow, AuditRowProblem> {
        guard let seq = rows.int64(0) else { return .failure(.init(seq: nil, "seq is not an integer")) }
        let at = UInt64(clamping: seq)
        guard let timestamp = rows.int64(2) else { return .failure(.init(seq: at, "timestamp_ms is not an integer")) }
        guard let kind = rows.text(3) else { return .failure(.init(seq: at, "kind is not text")) }
        guard let version = rows.int64(7) else {
            return .failure(.init(seq: at, "membership_version is not an integer"))
        }
        guard let prevHash = rows.hash(1) else { return .failure(.init(seq: at, "prev_hash is not a 32-byte blob")) }
        guard let payloadHash = rows.hash(5) else {
            return .failure(.init(seq: at, "payload_hash is not a 32-byte blob"))
        }
        guard let hash = rows.hash(6) else { return .failure(.init(seq: at, "hash is not a 32-byte blob")) }
        let stored: (count: Int, digest: Hash256?, copy: [UInt8])? = rows.withBlob(4) { payload in
            guard let payload else { return nil }
            guard !payload.isEmpty else { return (0, nil, []) }
            return (payload.count, Hash256.sha256(of: payload), copyPayload ? Array(payload) : [])
        }
        guard let stored else { return .failure(.init(seq: at, "payload is not a blob")) }
        let event = EventEnvelope(
            origin: origin, seq: UInt64(bitPattern: seq), prevHash: prevHash, timestampMs: timestamp,
            kind: EventKind(rawValue: kind), payload: stored.copy, payloadHash: payloadHash)
        return .success(
            AuditEventRow(
                seq: seq, event: event, hash: hash, membershipVersion: version, payloadCount: stored.count,
                payloadDigest: stored.digest))
    }

    /// Whether the payload is withheld: empty while `payload_hash` is not SHA-256 of nothing.
    var isPayloadWithheld: Bool { payloadCount == 0 && event.payloadHash != Hash256.ofEmpty }
}

/// A `checkpoints` row as stored: a checkpoint, or what is wrong with the row's types
/// (reported at its seq, in order).
struct AuditCheckpointRow {
    var seq: Int64
    var checkpoint: Checkpoint?
    var problem: String?

    /// The columns selected, in the order ``decode(_:origin:)`` reads them.
    static let columns = "seq, event_hash, signature, key_id"

    /// Decodes the current row of `origin`; fails only when its seq is not an integer.
    static func decode(_ rows: AuditRawRows, origin: String) -> Result<AuditCheckpointRow, AuditRowProblem> {
        guard let seq = rows.int64(0) else { return .failure(.init(seq: nil, "checkpoint seq is not an integer")) }
        func unreadable(_ problem: String) -> Result<AuditCheckpointRow, AuditRowProblem> {
            .success(AuditCheckpointRow(seq: seq, checkpoint: nil, problem: problem))
        }
        guard let hash = rows.hash(1) else { return unreadable("checkpoint event_hash is not a 32-byte blob") }
        guard let signature = rows.withBlob(2, { $0.map { Array($0) } }) else {
            return unreadable("checkpoint signature is not a blob")
        }
        guard let keyID = rows.int64(3).flatMap(UInt32.init(exactly:)) else {
            return unreadable("checkpoint key_id is not a 32-bit unsigned integer")
        }
        let checkpoint = Checkpoint(
            origin: origin, seq: UInt64(bitPattern: seq), eventHash: hash, signature: signature, keyId: keyID)
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
