import SupervisionProtocol

/// Decides what a replica does with a received batch, given what it holds of the origin.
///
/// Pure: no I/O. Recomputes every hash (received hashes are never trusted), checks the chain
/// from the held head, the payload hashes, and the origin's checkpoint signature. A validly
/// signed batch that contradicts the held log is not an invalid batch but evidence that the
/// origin signed two logs (``Verdict/conflict(seq:theirs:)``).
public struct BatchVerifier: Sendable {
    /// What to do with a batch.
    public enum Verdict: Sendable, Equatable {
        /// Store these events (the part of the batch beyond the held head).
        case accept(VerifiedBatch)
        /// It ends at or before the held head; its last event hashes to `lastHash`. The caller
        /// compares that with the hash it holds at `lastSeq`: a difference is a conflict.
        case duplicate(lastSeq: UInt64, lastHash: Hash256)
        /// It starts beyond the held head: events `from…to` are missing.
        case gap(from: UInt64, to: UInt64)
        /// Validly signed by the origin, yet at `seq` its chain holds `theirs` where the replica
        /// holds the head: the origin equivocated (or this replica's copy was signed by it too).
        case conflict(seq: UInt64, theirs: Hash256)
        /// Invalid: forged, altered, reordered or malformed. Never stored or relayed.
        case reject(String)
    }

    /// The origins' public keys.
    public var verifier: CheckpointVerifier

    /// Creates a verifier over the members' keys.
    public init(verifier: CheckpointVerifier) { self.verifier = verifier }

    /// Verifies `batch` against `head`, what the replica holds of the batch's origin.
    public func verify(_ batch: EventBatch, head: LogHead) -> Verdict {
        do {
            try batch.validate()
        } catch {
            return .reject("\(error)")
        }
        guard verifier.knows(batch.origin) else { return .reject("unknown origin \(batch.origin)") }
        if batch.lastSeq <= head.seq {
            return .duplicate(lastSeq: batch.lastSeq, lastHash: batch.events[batch.events.count - 1].computeHash())
        }
        if batch.firstSeq > head.seq + 1 { return .gap(from: head.seq + 1, to: batch.firstSeq - 1) }
        guard let hashes = verifiedHashes(batch) else {
            return .reject(rejection(batch))
        }
        if batch.firstSeq == head.seq + 1 && head.seq > 0 && batch.events[0].prevHash != head.hash {
            return .conflict(seq: head.seq, theirs: batch.events[0].prevHash)
        }
        let held = Int(head.seq - min(head.seq, batch.firstSeq - 1))
        if held > 0 && hashes[held - 1] != head.hash {
            return .conflict(seq: head.seq, theirs: hashes[held - 1])
        }
        return .accept(
            VerifiedBatch(
                events: Array(batch.events[held...]), hashes: Array(hashes[held...]), checkpoint: batch.checkpoint))
    }

    /// The hashes of a batch that chains internally, matches its checkpoint and carries a valid
    /// signature of its origin; `nil` otherwise. Used to tell evidence of equivocation from forgery.
    public func verifiedHashes(_ batch: EventBatch) -> [Hash256]? {
        guard (try? batch.validate()) != nil, verifier.isValid(batch.checkpoint),
            let hashes = try? batch.verifyChain(after: batch.firstSeq == 1 ? .zero : nil)
        else { return nil }
        return hashes
    }

    private func rejection(_ batch: EventBatch) -> String {
        do {
            _ = try batch.verifyChain(after: batch.firstSeq == 1 ? .zero : nil)
        } catch {
            return "\(error)"
        }
        return "bad signature on checkpoint \(batch.origin)#\(batch.checkpoint.seq)"
    }
}
