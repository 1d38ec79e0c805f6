import Crypto
import SupervisionProtocol

/// The signing keys of every membership version in a store, so that the history of rotated
/// and removed members still verifies. Versions may list different keys under one
/// (department, key id); all of them are kept, and a checkpoint verifies with any.
///
/// `@unchecked Sendable`: the keys are immutable values (swift-crypto 3 does not mark them).
struct AuditKeyRing: @unchecked Sendable {
    private var keys: [String: [UInt32: [Curve25519.Signing.PublicKey]]] = [:]

    /// Adds every signing key of `membership`.
    mutating func add(_ membership: Membership) throws {
        for (department, byID) in try membership.signingKeys() {
            for (id, raw) in byID {
                let key = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
                var listed = keys[department, default: [:]][id, default: []]
                if !listed.contains(where: { $0.rawRepresentation == key.rawRepresentation }) {
                    listed.append(key)
                }
                keys[department, default: [:]][id] = listed
            }
        }
    }

    /// The number of (department, key id) pairs held.
    var count: Int { keys.values.reduce(0) { $0 + $1.count } }

    /// `nil` when `checkpoint`'s signature verifies with a key of its origin and key id;
    /// otherwise what went wrong.
    func problem(with checkpoint: Checkpoint) -> String? {
        guard let candidates = keys[checkpoint.origin]?[checkpoint.keyId], !candidates.isEmpty else {
            return "key \(checkpoint.keyId) of \(checkpoint.origin) is in no membership version in the store"
        }
        guard checkpoint.signature.count == 64 else {
            return "a \(checkpoint.signature.count)-byte signature"
        }
        if candidates.contains(where: { checkpoint.isValidSignature(publicKey: $0) }) { return nil }
        return "a signature that does not verify with key \(checkpoint.keyId) of \(checkpoint.origin)"
    }
}
