import Crypto
import Foundation
import SwiftProtobuf
import Testing

@testable import SupervisionProtocol

/// The golden vectors of `Protocols/vectors/`: the same files the Python check reads.
@Suite struct VectorTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocols/vectors")

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    struct Vector {
        let doc: [String: Any]
        let bytes: [UInt8]
        subscript(key: String) -> Any? { doc[key] }
        var expectAccept: Bool { doc["expect"] as? String == "accept" }
    }

    static func load(_ name: String) throws -> Vector {
        let json = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let file = try #require(doc["file"] as? String)
        let bin = try Data(contentsOf: directory.appendingPathComponent(file))
        return Vector(doc: doc, bytes: [UInt8](bin))
    }

    @Test func vectorsArePresent() {
        #expect(Self.names.count >= 10, "expected the vectors in \(Self.directory.path)")
    }

    @Test(arguments: names) func vectorDecodesAsSpecified(name: String) throws {
        let vector = try Self.load(name)
        #expect(Fixtures.hex(SHA256.hash(data: vector.bytes).map { $0 }) == vector["sha256_hex"] as? String)
        if vector.expectAccept {
            try checkAccepted(vector)
        } else {
            try checkRejected(vector)
        }
    }

    private func checkAccepted(_ vector: Vector) throws {
        let message = try BusMessage(serializedBytes: vector.bytes)
        if vector["reencodes_identically"] as? Bool ?? true {
            #expect(message.serializedBytes() == vector.bytes, "re-encoding reproduces the bytes")
        }
        // The JSON form (proto3 JSON mapping), parsed by SwiftProtobuf, is the same message.
        let messageObject = try #require(vector["message"])
        let json = try JSONSerialization.data(withJSONObject: messageObject)
        let fromJSON = try Jointsupervision_V1_BusMessage(jsonUTF8Bytes: [UInt8](json))
        #expect(try BusMessage(serializedBytes: fromJSON.serializedBytes()) == message)

        guard case .batch(let batch) = message else { return }
        let previousHex = try #require(vector["previous_hash_hex"] as? String)
        let previous = try #require(Hash256(hex: previousHex))
        let hashes = try batch.verifyChain(after: previous)
        let keys = try #require(vector["signing_keys"] as? [String: [String: Any]])
        let keyInfo = try #require(keys[batch.origin])
        let seed = try #require(keyInfo["seed_hex"] as? String)
        let publicHex = try #require(keyInfo["public_key_hex"] as? String)
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: Fixtures.bytes(hex: publicHex))
        #expect(
            Fixtures.hex(Array(Fixtures.key(seed).publicKey.rawRepresentation)) == keyInfo["public_key_hex"] as? String)
        try batch.checkpoint.verifySignature(publicKey: publicKey)

        let records = try #require(vector["events"] as? [[String: Any]])
        #expect(records.count == batch.events.count)
        for (event, (record, hash)) in zip(batch.events, zip(records, hashes)) {
            #expect(UInt64(record["seq"] as? Int ?? -1) == event.seq)
            #expect(Fixtures.hex(event.hashInput()) == record["event_hash_input_hex"] as? String)
            #expect(event.computeHash().hex == record["event_hash_hex"] as? String)
            #expect(hash == event.computeHash())
            #expect(event.payloadHash.hex == record["payload_hash_hex"] as? String)
            #expect(event.isPayloadWithheld == record["payload_withheld"] as? Bool)
            if record["payload"] != nil {
                #expect(try decodedPayloadBytes(event) == event.payload, "payload type \(event.kind) round-trips")
            }
            if let clear = record["withheld_payload_base64"] as? String {
                let data = try #require(Data(base64Encoded: clear))
                let bytes = [UInt8](data)
                #expect(Hash256.sha256(of: bytes) == event.payloadHash)
            }
            if let raw = record["raw_payload_base64"] as? String {
                let data = try #require(Data(base64Encoded: raw))
                #expect([UInt8](data) == event.payload, "unknown kind kept as bytes")
            }
        }
        let checkpoint = try #require(vector["checkpoint"] as? [String: Any])
        #expect(Fixtures.hex(batch.checkpoint.signingInput) == checkpoint["signing_input_hex"] as? String)
        let resigned = try Checkpoint(
            origin: batch.origin, seq: batch.checkpoint.seq, eventHash: batch.checkpoint.eventHash, keyId: 0,
            signingWith: Fixtures.key(seed))
        #expect(Fixtures.hex(resigned.signature) == checkpoint["signature_hex"] as? String, "Ed25519 is deterministic")
        #expect(resigned == batch.checkpoint)
    }

    /// Decodes the event's payload with the hand-written type for its kind and re-encodes it.
    private func decodedPayloadBytes(_ event: EventEnvelope) throws -> [UInt8] {
        switch event.kind {
        case .intent: try IntentPayload(event: event).serializedBytes()
        case .planProposal: try PlanProposalPayload(event: event).serializedBytes()
        case .planVote: try PlanVotePayload(event: event).serializedBytes()
        case .finding: try FindingPayload(event: event).serializedBytes()
        case .referral: try ReferralPayload(event: event).serializedBytes()
        case .referralAck: try ReferralAckPayload(event: event).serializedBytes()
        case .assignment: try InspectorAssignmentPayload(event: event).serializedBytes()
        case .test: try TestPayload(event: event).serializedBytes()
        case .draw: try DrawRecordPayload(event: event).serializedBytes()
        case .outcome: try OutcomePayload(event: event).serializedBytes()
        case .membership: try MembershipPayload(event: event).serializedBytes()
        default: event.payload
        }
    }

    private func checkRejected(_ vector: Vector) throws {
        let code = try #require(vector["error_code"] as? String)
        if vector["reject_stage"] as? String == "decode" {
            let error = #expect(throws: ProtocolError.self) { try BusMessage(serializedBytes: vector.bytes) }
            #expect(error?.code.rawValue == code)
            return
        }
        guard case .batch(let batch) = try BusMessage(serializedBytes: vector.bytes) else {
            Issue.record("a verify-stage vector must decode as a batch")
            return
        }
        let keys = try #require(vector["signing_keys"] as? [String: [String: Any]])
        let publicHex = try #require(keys[batch.origin]?["public_key_hex"] as? String)
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: Fixtures.bytes(hex: publicHex))
        let previous = Hash256(hex: vector["previous_hash_hex"] as? String ?? "")
        let error = #expect(throws: ProtocolError.self) {
            _ = try batch.verifyChain(after: previous)
            try batch.checkpoint.verifySignature(publicKey: publicKey)
        }
        #expect(error?.code.rawValue == code)
    }
}
