import Crypto
import Foundation
import SupervisionProtocol

/// Test keys and chains shared by the suites (RFC 8032 section 7.1 test keys).
enum Fixtures {
    static let fireSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let otherSeed = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"

    static func key(_ seedHex: String) -> Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: bytes(hex: seedHex))
    }

    static var fireKey: Curve25519.Signing.PrivateKey { key(fireSeed) }

    static func bytes(hex: String) -> [UInt8] {
        var out = [UInt8]()
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            out.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)!)
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// `count` chained test events of `origin` from `firstSeq`, after `previous`.
    static func events(origin: String = "fire", from firstSeq: UInt64 = 1, count: Int, after previous: Hash256 = .zero)
        -> [EventEnvelope]
    {
        var prev = previous
        return (0..<count).map { index in
            let event = EventEnvelope(
                origin: origin, seq: firstSeq + UInt64(index), prevHash: prev,
                timestampMs: 1_782_864_000_000 + Int64(index), payload: TestPayload(body: Array("event \(index)".utf8)))
            prev = event.computeHash()
            return event
        }
    }

    /// A signed batch over `events`.
    static func batch(_ events: [EventEnvelope], key: Curve25519.Signing.PrivateKey = fireKey, requestId: UInt64 = 0)
        -> EventBatch
    {
        let last = events.last!
        let checkpoint = try! Checkpoint(
            origin: last.origin, seq: last.seq, eventHash: last.computeHash(), keyId: 0, signingWith: key)
        return EventBatch(origin: last.origin, events: events, checkpoint: checkpoint, requestId: requestId)
    }
}
