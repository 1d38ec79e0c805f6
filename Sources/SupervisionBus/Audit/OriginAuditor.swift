import SupervisionProtocol

/// The checks of one origin's log. The caller feeds its rows in seq order: each event with the
/// checkpoints below its seq (which cover no held event), then the checkpoints at its seq, and
/// ``finish(ledger:)`` after the last row. Pure: no I/O.
struct OriginAuditor {
    /// What was seen of the origin.
    private(set) var summary: OriginAudit
    private var origin: String { summary.origin }
    private let keys: AuditKeyRing
    private let rights: AuditRights
    private var expectedSeq: Int64 = 1
    /// The last event fed: its seq and recomputed hash (`nil` when its row was unreadable).
    private var current: (seq: Int64, hash: Hash256?)?
    /// The seq of the last checkpoint at a held event.
    private var lastCovered: Int64?

    init(origin: String, keys: AuditKeyRing, rights: AuditRights) {
        self.summary = OriginAudit(origin: origin)
        self.keys = keys
        self.rights = rights
    }

    /// Audits an event row; `orphans` are the checkpoints with a seq below it not yet fed.
    mutating func event(_ row: AuditEventRow, orphans: [AuditCheckpointRow], ledger: inout AuditLedger) {
        arrive(row.seq, ledger: &ledger)
        for orphan in orphans { checkpoint(orphan, ledger: &ledger) }
        let seq = UInt64(clamping: row.seq)
        let event = row.event
        let recomputed = event.computeHash()
        if row.seq == 1 {
            ledger.record(.chain, event.prevHash == .zero) {
                AuditBreak(
                    check: .chain, origin: origin, seq: seq, expected: "prev_hash of 32 zero bytes (first event)",
                    found: "prev_hash \(event.prevHash.hex)")
            }
        } else if let current, current.seq == row.seq - 1, let previous = current.hash {
            ledger.record(.chain, event.prevHash == previous) {
                AuditBreak(
                    check: .chain, origin: origin, seq: seq,
                    expected: "prev_hash \(previous.hex) (hash of event \(seq - 1))",
                    found: "prev_hash \(event.prevHash.hex)")
            }
        } else {
            ledger.unknown(.chain)
        }
        ledger.record(.eventHash, recomputed == row.hash) {
            AuditBreak(
                check: .eventHash, origin: origin, seq: seq,
                expected: "hash \(recomputed.hex) (recomputed from the row)",
                found: "hash \(row.hash.hex) stored")
        }
        if let actual = row.payloadDigest {
            ledger.record(.payloadHash, actual == event.payloadHash) {
                AuditBreak(
                    check: .payloadHash, origin: origin, seq: seq,
                    expected: "a payload hashing to payload_hash \(event.payloadHash.hex)",
                    found: "a \(row.payloadCount)-byte payload hashing to \(actual.hex)")
            }
        } else if row.isPayloadWithheld {
            summary.withheldPayloads += 1
        }
        rights.check(row, ledger: &ledger)
        current = (row.seq, recomputed)
    }

    /// Counts an event row whose values do not have the schema's types (already reported).
    mutating func unreadableEvent(seq: Int64, orphans: [AuditCheckpointRow], ledger: inout AuditLedger) {
        arrive(seq, ledger: &ledger)
        for orphan in orphans { checkpoint(orphan, ledger: &ledger) }
        ledger.unknown(.chain)
        ledger.unknown(.eventHash)
        current = (seq, nil)
    }

    /// Audits a checkpoint row: at the last event fed, or over no held event.
    mutating func checkpoint(_ row: AuditCheckpointRow, ledger: inout AuditLedger) {
        summary.checkpoints += 1
        let seq = UInt64(clamping: row.seq)
        guard let checkpoint = row.checkpoint else {
            if current?.seq == row.seq { lastCovered = row.seq }
            ledger.fail(
                AuditBreak(
                    check: .store, origin: origin, seq: seq, expected: "checkpoint rows of the schema's types",
                    found: row.problem ?? "an unreadable checkpoint row"))
            ledger.unknown(.checkpointHash)
            ledger.unknown(.checkpointSignature)
            return
        }
        if let current, current.seq == row.seq {
            lastCovered = row.seq
            if let hash = current.hash {
                ledger.record(.checkpointHash, checkpoint.eventHash == hash) {
                    AuditBreak(
                        check: .checkpointHash, origin: origin, seq: seq,
                        expected: "event_hash \(hash.hex) (hash of event \(seq))",
                        found: "event_hash \(checkpoint.eventHash.hex)")
                }
            } else {
                ledger.unknown(.checkpointHash)
            }
        } else {
            ledger.fail(
                AuditBreak(
                    check: .checkpointHash, origin: origin, seq: seq,
                    expected: "event \(seq) held under its checkpoint",
                    found: "a checkpoint over an event the store does not hold"))
        }
        let problem = keys.problem(with: checkpoint)
        ledger.record(.checkpointSignature, problem == nil) {
            AuditBreak(
                check: .checkpointSignature, origin: origin, seq: seq,
                expected: "a valid Ed25519 signature by \(origin) key \(checkpoint.keyId)", found: problem ?? "")
        }
    }

    /// The continuity check, after the last row: the last event is covered by a checkpoint.
    mutating func finish(ledger: inout AuditLedger) {
        guard let current else { return }
        ledger.record(.checkpointContinuity, lastCovered == current.seq) {
            AuditBreak(
                check: .checkpointContinuity, origin: origin, seq: UInt64(clamping: current.seq),
                expected: "a checkpoint at the last event, seq \(current.seq)",
                found: lastCovered.map { "the last checkpoint at seq \($0): later events are not signed" }
                    ?? "no checkpoint at a held event")
        }
    }

    /// The sequence check of the next event row.
    private mutating func arrive(_ seq: Int64, ledger: inout AuditLedger) {
        summary.events += 1
        summary.lastSeq = max(summary.lastSeq, UInt64(clamping: seq))
        let expected = expectedSeq
        ledger.record(.sequence, seq == expected) {
            AuditBreak(
                check: .sequence, origin: origin, seq: UInt64(clamping: expected), expected: "event \(expected)",
                found: seq > expected
                    ? "no event \(expected == seq - 1 ? "\(expected)" : "\(expected)…\(seq - 1)"): the next held is \(seq)"
                    : "seq \(seq)")
        }
        expectedSeq = seq == .max ? .max : seq + 1
    }
}
