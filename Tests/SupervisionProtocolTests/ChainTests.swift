import Crypto
import SupervisionProtocol
import Testing

@Suite struct ChainTests {
    @Test func aSignedChainVerifies() throws {
        let first = Fixtures.batch(Fixtures.events(count: 5))
        let hashes = try first.verifyChain(after: .zero)
        #expect(hashes.count == 5 && hashes.last == first.checkpoint.eventHash)
        try first.checkpoint.verifySignature(publicKey: Fixtures.fireKey.publicKey)
        let second = Fixtures.batch(Fixtures.events(from: 6, count: 3, after: hashes.last!))
        #expect(try second.verifyChain(after: hashes.last!).count == 3)
    }

    @Test func aBatchNotChainingOntoTheHeldEventIsRejected() {
        let batch = Fixtures.batch(Fixtures.events(from: 6, count: 2, after: Hash256.sha256(of: [1])))
        let error = #expect(throws: ProtocolError.self) { try batch.verifyChain(after: Hash256.sha256(of: [2])) }
        #expect(error?.code == .brokenChain && error?.field == "events[0].prev_hash")
    }

    @Test func aBrokenLinkInsideTheBatchIsRejected() {
        var events = Fixtures.events(count: 3)
        events[2].prevHash = .ofEmpty
        let error = #expect(throws: ProtocolError.self) { try Fixtures.batch(events).verifyChain(after: .zero) }
        #expect(error?.code == .brokenChain && error?.field == "events[2].prev_hash")
    }

    @Test func anAlteredPayloadIsRejected() {
        var batch = Fixtures.batch(Fixtures.events(count: 3))
        batch.events[1].payload[0] ^= 1
        let error = #expect(throws: ProtocolError.self) { try batch.verifyChain(after: .zero) }
        #expect(error?.code == .payloadHashMismatch)
    }

    @Test func aCheckpointOverAnotherEventIsRejected() {
        var batch = Fixtures.batch(Fixtures.events(count: 3))
        batch.checkpoint.eventHash = .ofEmpty
        let error = #expect(throws: ProtocolError.self) { try batch.verifyChain(after: .zero) }
        #expect(error?.code == .brokenChain && error?.field == "checkpoint.event_hash")
    }

    @Test func aForgedSignatureIsRejected() throws {
        let batch = Fixtures.batch(Fixtures.events(count: 2), key: Fixtures.key(Fixtures.otherSeed))
        _ = try batch.verifyChain(after: .zero)
        let error = #expect(throws: ProtocolError.self) {
            try batch.checkpoint.verifySignature(publicKey: Fixtures.fireKey.publicKey)
        }
        #expect(error?.code == .badSignature)
    }

    @Test func withheldPayloadsStillVerify() throws {
        var batch = Fixtures.batch(Fixtures.events(count: 3))
        batch.events[1] = batch.events[1].withholdingPayload()
        let decoded = try BusMessage(serializedBytes: BusMessage.batch(batch).serializedBytes())
        guard case .batch(let received) = decoded else { Issue.record("not a batch"); return }
        #expect(received.events[1].isPayloadWithheld)
        #expect(try received.verifyChain(after: .zero).last == batch.checkpoint.eventHash)
        #expect(throws: ProtocolError.self) { try TestPayload(event: received.events[1]) }
    }
}
