import SupervisionProtocol

/// Decides what a replica does with a received batch, given what it holds of the origin.
///
/// Pure: no I/O. Recomputes every hash (received hashes are never trusted), checks the chain
/// from the held head, the payload hashes, and the origin's checkpoint signature.
public struct BatchVerifier: Sendable {
    /// What to do with a batch.
    public enum Verdict: Sendable, Equatable {
        /// Store these events (the part of the batch beyond the held head).
        case accept(VerifiedBatch)
        /// Everything in it is already held.
        case duplicate
        /// It starts beyond the held head: events `from…to` are missing.
        case gap(from: UInt64, to: UInt64)
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
        if batch.lastSeq <= head.seq { return .duplicate }
        if batch.firstSeq > head.seq + 1 { return .gap(from: head.seq + 1, to: batch.firstSeq - 1) }

        if batch.firstSeq == head.seq + 1 && batch.events[0].prevHash != head.hash {
            return .reject("fork: \(batch.origin)#\(batch.firstSeq) does not extend the held log")
        }
        let hashes: [Hash256]
        do {
            hashes = try batch.verifyChain(after: batch.firstSeq == head.seq + 1 ? head.hash : nil)
        } catch {
            return .reject("\(error)")
        }
        let held = Int(head.seq - min(head.seq, batch.firstSeq - 1))
        if held > 0 && hashes[held - 1] != head.hash {
            return .reject("fork: \(batch.origin)#\(head.seq) differs from the held event")
        }
        guard verifier.isValid(batch.checkpoint) else {
            return .reject("bad signature on checkpoint \(batch.origin)#\(batch.checkpoint.seq)")
        }
        return .accept(
            VerifiedBatch(
                events: Array(batch.events[held...]), hashes: Array(hashes[held...]), checkpoint: batch.checkpoint))
    }
}
