import Crypto
import Foundation
import SupervisionProtocol

/// A department's Ed25519 log-signing key.
///
/// Stored on disk as the base64 of the 32-byte private key seed, in a file only its owner may
/// read (mode 0600 or stricter): a key file readable by group or others is refused.
///
/// `@unchecked Sendable`: the wrapped key is an immutable value (swift-crypto 3 does not mark it).
public struct SigningKey: @unchecked Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// A new random key.
    public init() { key = Curve25519.Signing.PrivateKey() }

    /// A key from its 32-byte seed.
    public init(seed: [UInt8]) throws {
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw BusError(.invalidKey, "a signing key seed must be 32 bytes, got \(seed.count)")
        }
    }

    /// The public half, as distributed in the membership file.
    public var publicKey: [UInt8] { Array(key.publicKey.rawRepresentation) }

    /// The seed, for writing the key file.
    public var seed: [UInt8] { Array(key.rawRepresentation) }

    /// Signs a checkpoint for `origin` at `seq` whose last event has `eventHash`.
    public func signCheckpoint(origin: String, seq: UInt64, eventHash: Hash256, keyID: UInt32 = 0) throws -> Checkpoint
    {
        try Checkpoint(origin: origin, seq: seq, eventHash: eventHash, keyId: keyID, signingWith: key)
    }

    /// Loads a key file, refusing one that group or others can read.
    public static func load(from path: String) throws -> SigningKey {
        guard let seed = Data(base64Encoded: try KeyFile.read(path, what: "signing key")) else {
            throw BusError(.invalidKey, "signing key file \(path) does not hold a base64 key seed")
        }
        return try SigningKey(seed: Array(seed))
    }

    /// Writes the key to a new file with mode 0600; refuses to overwrite an existing file.
    public func write(to path: String) throws {
        try KeyFile.create(path, contents: Data(seed).base64EncodedString())
    }
}

/// Verifies checkpoints against the origins' public keys.
///
/// `@unchecked Sendable`: the keys are immutable values (swift-crypto 3 does not mark them).
public struct CheckpointVerifier: @unchecked Sendable {
    private var keys: [String: [UInt32: Curve25519.Signing.PublicKey]] = [:]

    /// A verifier for the given origins' public keys (key id → raw 32-byte Ed25519 key).
    public init(publicKeys: [String: [UInt32: [UInt8]]]) throws {
        for (origin, originKeys) in publicKeys {
            for (id, raw) in originKeys {
                do {
                    keys[origin, default: [:]][id] = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
                } catch {
                    throw BusError(.invalidKey, "public key \(id) of \(origin) is not a 32-byte Ed25519 key")
                }
            }
        }
    }

    /// Whether `origin` is known to this verifier.
    public func knows(_ origin: String) -> Bool { keys[origin] != nil }

    /// Whether `checkpoint` carries a valid signature of its origin's key `keyId`.
    public func isValid(_ checkpoint: Checkpoint) -> Bool {
        guard let key = keys[checkpoint.origin]?[checkpoint.keyId] else { return false }
        return checkpoint.isValidSignature(publicKey: key)
    }
}
