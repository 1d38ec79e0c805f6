import Crypto
import SupervisionProtocol
import Testing

@Suite struct HashTests {
    @Test func hash256HexRoundTripAndConstants() throws {
        let hash = Hash256.sha256(of: Array("abc".utf8))
        #expect(hash.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hash256(hex: hash.hex) == hash)
        #expect(Hash256(hex: hash.hex.uppercased()) == hash)
        #expect(Hash256(bytes: hash.bytes) == hash)
        #expect(Hash256(hex: "00") == nil)
        #expect(Hash256(hex: String(repeating: "g", count: 64)) == nil)
        #expect(Hash256(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(Hash256.zero.isZero && Hash256.zero.bytes == [UInt8](repeating: 0, count: 32))
        #expect(Hash256.ofEmpty.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func eventHashInputFollowsTheCanonicalLayout() {
        let event = EventEnvelope(
            origin: "fire", seq: 0x0102, prevHash: .zero, timestampMs: -1, kind: "test", payload: [1, 2, 3])
        let input = event.hashInput()
        var expected: [UInt8] = Array("JSEV1".utf8) + [0]
        expected += [0, 0, 0, 4] + Array("fire".utf8)
        expected += [0, 0, 0, 0, 0, 0, 0x01, 0x02]
        expected += [UInt8](repeating: 0, count: 32)
        expected += [UInt8](repeating: 0xff, count: 8)  // i64 -1, two's complement
        expected += [0, 0, 0, 4] + Array("test".utf8)
        expected += Hash256.sha256(of: [1, 2, 3]).bytes
        #expect(input == expected)
        #expect(event.computeHash() == Hash256.sha256(of: expected))
    }

    @Test func everyHashedFieldChangesTheHash() {
        let base = EventEnvelope(origin: "fire", seq: 5, prevHash: .ofEmpty, timestampMs: 7, kind: "test", payload: [9])
        var variants = [base]
        variants.append(
            EventEnvelope(origin: "fira", seq: 5, prevHash: .ofEmpty, timestampMs: 7, kind: "test", payload: [9]))
        variants.append(
            EventEnvelope(origin: "fire", seq: 6, prevHash: .ofEmpty, timestampMs: 7, kind: "test", payload: [9]))
        variants.append(
            EventEnvelope(origin: "fire", seq: 5, prevHash: .zero, timestampMs: 7, kind: "test", payload: [9]))
        variants.append(
            EventEnvelope(origin: "fire", seq: 5, prevHash: .ofEmpty, timestampMs: 8, kind: "test", payload: [9]))
        variants.append(
            EventEnvelope(origin: "fire", seq: 5, prevHash: .ofEmpty, timestampMs: 7, kind: "tesu", payload: [9]))
        variants.append(
            EventEnvelope(origin: "fire", seq: 5, prevHash: .ofEmpty, timestampMs: 7, kind: "test", payload: [8]))
        // Length prefixes separate origin and kind: "fi"+"retest" must differ from "fire"+"test".
        variants.append(
            EventEnvelope(origin: "fi", seq: 5, prevHash: .ofEmpty, timestampMs: 7, kind: "re.test", payload: [9]))
        #expect(Set(variants.map { $0.computeHash() }).count == variants.count)
    }

    @Test func withholdingThePayloadKeepsTheHash() {
        let event = EventEnvelope(
            origin: "fire", seq: 1, prevHash: .zero, timestampMs: 0, kind: "referral", payload: [1, 2])
        let withheld = event.withholdingPayload()
        #expect(withheld.isPayloadWithheld && !event.isPayloadWithheld)
        #expect(withheld.computeHash() == event.computeHash())
        #expect(withheld.payloadHashMatches)
        let empty = EventEnvelope(origin: "fire", seq: 1, prevHash: .zero, timestampMs: 0, kind: "test", payload: [])
        #expect(!empty.isPayloadWithheld && empty.payloadHash == .ofEmpty)
    }

    @Test func checkpointSigningInputAndSignature() throws {
        let hash = Hash256.sha256(of: [1])
        let input = Checkpoint.signingInput(origin: "fire", seq: 3, eventHash: hash)
        #expect(
            input == Array("JSCP1".utf8) + [0, 0, 0, 0, 4] + Array("fire".utf8) + [0, 0, 0, 0, 0, 0, 0, 3] + hash.bytes)
        let checkpoint = try Checkpoint(
            origin: "fire", seq: 3, eventHash: hash, keyId: 2, signingWith: Fixtures.fireKey)
        #expect(checkpoint.signature.count == 64 && checkpoint.keyId == 2)
        #expect(checkpoint.isValidSignature(publicKey: Fixtures.fireKey.publicKey))
        #expect(!checkpoint.isValidSignature(publicKey: Fixtures.key(Fixtures.otherSeed).publicKey))
        var moved = checkpoint
        moved.seq = 4
        #expect(!moved.isValidSignature(publicKey: Fixtures.fireKey.publicKey))
        #expect(throws: ProtocolError.self) { try moved.verifySignature(publicKey: Fixtures.fireKey.publicKey) }
    }
}
