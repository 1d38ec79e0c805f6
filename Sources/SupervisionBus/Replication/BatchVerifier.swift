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
        guard let first = batch.events.first, let last = batch.events.last else { return .reject("empty batch") }
        guard verifier.knows(batch.origin) else { return .reject("unknown origin \(batch.origin)") }
        guard batch.checkpoint.origin == batch.origin, batch.checkpoint.seq == last.seq else {
            return .reject("checkpoint \(batch.checkpoint.origin)#\(batch.checkpoint.seq) does not cover the batch")
        }
        if last.seq <= head.seq { return .duplicate }
        if first.seq > head.seq + 1 { return .gap(from: head.seq + 1, to: first.seq - 1) }
        if first.seq == 0 { return .reject("seq 0") }

        var events: [LogEvent] = []
        events.reserveCapacity(Int(last.seq - head.seq))
        var previousHash: [UInt8]? = nil
        var expectedSeq = first.seq
        for var event in batch.events {
            guard event.origin == batch.origin else { return .reject("event of \(event.origin) in a batch of \(batch.origin)") }
            guard event.seq == expectedSeq else { return .reject("seq \(event.seq) where \(expectedSeq) was expected") }
            guard event.prevHash.count == 32, event.payloadHash.count == 32 else { return .reject("hash length") }
            if !event.payload.isEmpty && EventHasher.sha256(event.payload) != event.payloadHash {
                return .reject("payload of \(event.origin)#\(event.seq) does not match its payload hash")
            }
            if let previousHash, event.prevHash != previousHash {
                return .reject("broken chain at \(event.origin)#\(event.seq)")
            }
            if event.seq == head.seq + 1 && event.prevHash != head.hash {
                return .reject("fork: \(event.origin)#\(event.seq) does not extend the held log")
            }
            event.hash = EventHasher.eventHash(event)
            previousHash = event.hash
            expectedSeq += 1
            if event.seq > head.seq { events.append(event) }
        }
        guard last.seq == batch.checkpoint.seq, previousHash == batch.checkpoint.eventHash else {
            return .reject("checkpoint hash does not match \(batch.origin)#\(last.seq)")
        }
        guard verifier.isValid(batch.checkpoint) else {
            return .reject("bad signature on checkpoint \(batch.origin)#\(batch.checkpoint.seq)")
        }
        return .accept(VerifiedBatch(events: events, checkpoint: batch.checkpoint))
    }
}
