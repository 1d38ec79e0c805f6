extension EventBatch {
    /// Verifies everything about the batch except the signature, and returns the hash of
    /// each event (in order):
    ///
    /// - every present payload hashes to its `payloadHash`
    ///   (``ProtocolError/Code/payloadHashMismatch``);
    /// - the first event's `prevHash` is `previous`, when given: the hash of event
    ///   `firstSeq - 1` held by the receiver (``Hash256/zero`` for seq 1);
    /// - each later event's `prevHash` is the hash of the event before it;
    /// - the checkpoint's `eventHash` is the last event's hash
    ///   (all three ``ProtocolError/Code/brokenChain``).
    ///
    /// Then verify the signature with ``Checkpoint/verifySignature(publicKey:)`` before
    /// storing or relaying the batch.
    public func verifyChain(after previous: Hash256?) throws(ProtocolError) -> [Hash256] {
        var hashes = [Hash256]()
        hashes.reserveCapacity(events.count)
        var expectedPrev = previous
        for (index, event) in events.enumerated() {
            guard event.payloadHashMatches else {
                throw ProtocolError(
                    .payloadHashMismatch, field: "events[\(index)].payload_hash",
                    "is not SHA-256 of the payload (seq \(event.seq))")
            }
            if let expectedPrev, event.prevHash != expectedPrev {
                throw ProtocolError(
                    .brokenChain, field: "events[\(index)].prev_hash",
                    "does not name the hash of seq \(event.seq &- 1)")
            }
            let hash = event.computeHash()
            hashes.append(hash)
            expectedPrev = hash
        }
        guard let last = hashes.last, checkpoint.eventHash == last else {
            throw ProtocolError(
                .brokenChain, field: "checkpoint.event_hash", "is not the hash of seq \(checkpoint.seq)")
        }
        return hashes
    }
}
