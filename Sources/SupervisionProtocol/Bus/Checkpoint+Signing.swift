import Crypto

extension Checkpoint {
    /// The domain-separation prefix of the signing input: `"JSCP1"` followed by 0x00.
    public static let signingDomain: [UInt8] = Array("JSCP1".utf8) + [0]

    /// The canonical checkpoint signing input (spec section "Checkpoint signature"):
    ///
    /// ```
    /// "JSCP1" 0x00 || u32be(len(origin)) || origin || u64be(seq) || event_hash (32)
    /// ```
    public static func signingInput(origin: String, seq: UInt64, eventHash: Hash256) -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(6 + 4 + origin.utf8.count + 8 + 32)
        input.append(contentsOf: signingDomain)
        input.appendBigEndian(UInt32(truncatingIfNeeded: origin.utf8.count))
        input.append(contentsOf: origin.utf8)
        input.appendBigEndian(seq)
        eventHash.withUnsafeBytes { input.append(contentsOf: $0) }
        return input
    }

    /// This checkpoint's signing input.
    public var signingInput: [UInt8] {
        Self.signingInput(origin: origin, seq: seq, eventHash: eventHash)
    }

    /// Signs event `seq` of `origin`, whose hash is `eventHash`, with the origin's key
    /// `keyId` (Ed25519, RFC 8032: deterministic, so the same inputs give the same bytes).
    public init(
        origin: String, seq: UInt64, eventHash: Hash256, keyId: UInt32,
        signingWith key: Curve25519.Signing.PrivateKey
    ) throws {
        let input = Self.signingInput(origin: origin, seq: seq, eventHash: eventHash)
        let signature = try key.signature(for: input)
        self.init(origin: origin, seq: seq, eventHash: eventHash, signature: [UInt8](signature), keyId: keyId)
    }

    /// Whether ``signature`` is a valid Ed25519 signature of ``signingInput`` by `key`.
    public func isValidSignature(publicKey key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: signingInput)
    }

    /// Throws ``ProtocolError/Code/badSignature`` unless ``isValidSignature(publicKey:)``.
    public func verifySignature(publicKey key: Curve25519.Signing.PublicKey) throws(ProtocolError) {
        guard isValidSignature(publicKey: key) else {
            throw ProtocolError(
                .badSignature, field: "checkpoint.signature",
                "does not verify for \(origin) seq \(seq) with key \(keyId)")
        }
    }
}
