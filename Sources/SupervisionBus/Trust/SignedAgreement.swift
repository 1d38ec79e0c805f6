import Foundation

/// A federation agreement signed by both authorities (format `JSFA1`).
///
/// The file is JSON:
/// ```json
/// { "format": "JSFA1", "document": "<base64 of the body bytes>",
///   "signatures": [ { "authority": "shanghai-city", "keyId": 0, "signature": "<base64, 64 bytes>" },
///                   { "authority": "suzhou-city", "keyId": 0, "signature": "<base64, 64 bytes>" } ] }
/// ```
/// Each signature is Ed25519 over the same input as ``SignedDocument``'s, with format `JSFA1`:
/// `"JSFA1" || 0x00 || u32be(len(authority)) || authority || u32be(keyId) || body bytes`. A
/// draft carries no signature; each authority adds its own (``signed(with:)``).
public struct SignedAgreement: Sendable, Hashable {
    /// The format tag, `"JSFA1"`.
    public static let format = "JSFA1"

    /// One authority's signature.
    public struct Signature: Sendable, Codable, Hashable {
        /// The signing authority.
        public var authority: String
        /// Which of its keys signed.
        public var keyId: UInt32
        /// Ed25519 signature, base64 of 64 bytes.
        public var signature: String
    }

    /// The signed body bytes (JSON of ``FederationAgreement``).
    public var document: [UInt8]
    /// The signatures so far, at most one per authority.
    public var signatures: [Signature]

    private struct File: Codable {
        var format: String
        var document: String
        var signatures: [Signature]
    }

    /// An unsigned agreement of `agreement` (validated first).
    public init(draft agreement: FederationAgreement) throws {
        try agreement.validate()
        self.document = agreement.encoded(pretty: true)
        self.signatures = []
    }

    private init(document: [UInt8], signatures: [Signature]) {
        self.document = document
        self.signatures = signatures
    }

    /// The body, decoded and validated (signatures not checked).
    public func agreement() throws -> FederationAgreement { try FederationAgreement.decode(document) }

    /// The agreement with `key`'s signature added (replacing an earlier one of the same
    /// authority). Refused when `key`'s authority is not a party or its key is not the one
    /// the body lists.
    public func signed(with key: AuthorityKey) throws -> SignedAgreement {
        let body = try agreement()
        guard let party = body.party(key.authority) else {
            throw BusError(
                .invalidAgreement,
                "\(key.authority) is not a party to agreement \(body.id) (parties: \(body.parties.map(\.authority).joined(separator: ", ")))"
            )
        }
        guard party.keys[String(key.keyID)] == key.publicKeyBase64 else {
            throw BusError(
                .invalidAgreement,
                "key \(key.keyID) of \(key.authority) is not the key agreement \(body.id) lists for it")
        }
        let signed = try SignedDocument.sign(document, format: Self.format, with: key)
        var copy = self
        copy.signatures.removeAll { $0.authority == key.authority }
        copy.signatures.append(
            Signature(
                authority: key.authority, keyId: key.keyID, signature: Data(signed.signature).base64EncodedString()))
        copy.signatures.sort { $0.authority < $1.authority }
        return copy
    }

    /// Parses a file's bytes (does not verify).
    public static func parse(_ bytes: [UInt8]) throws -> SignedAgreement {
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)) else {
            throw BusError(
                .invalidAgreement,
                "not an agreement file (JSON with format, document, signatures); draft one with `jointctl agreement draft`"
            )
        }
        guard file.format == format else {
            throw BusError(.invalidAgreement, "unknown agreement format \(file.format), expected \(format)")
        }
        guard let document = Data(base64Encoded: file.document) else {
            throw BusError(.invalidAgreement, "the agreement's document is not base64")
        }
        return SignedAgreement(document: Array(document), signatures: file.signatures)
    }

    /// Reads and parses a file.
    public static func load(from path: String) throws -> SignedAgreement {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BusError(.invalidAgreement, "cannot read agreement file \(path)")
        }
        do {
            return try parse(Array(data))
        } catch let error as BusError {
            throw BusError(.invalidAgreement, "agreement file \(path): \(error.message)")
        }
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        let file = File(
            format: Self.format, document: Data(document).base64EncodedString(), signatures: signatures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Array((try? encoder.encode(file)) ?? Data()) + [0x0A]
    }

    /// Writes the file atomically.
    public func write(to path: String) throws { try DurableFile.replace(path, with: serialized()) }

    /// Verifies both signatures (`local`'s and `foreign`'s), that the parties are exactly these
    /// two anchors' authorities with their keys, and validity at `now`. Throws ``BusError``
    /// `.invalidAgreement` naming the failure.
    public func verify(local: TrustAnchor, foreign: TrustAnchor, now: Date = Date()) throws
        -> FederationAgreement
    {
        try check(local: local, foreign: foreign, now: now).mapError { BusError(.invalidAgreement, $0.message) }
            .get()
    }

    /// Like ``verify(local:foreign:now:)``, with the reason of a refusal.
    public func check(local: TrustAnchor, foreign: TrustAnchor, now: Date = Date())
        -> Result<FederationAgreement, AgreementRefusal>
    {
        let body: FederationAgreement
        do {
            body = try agreement()
        } catch {
            return .failure(AgreementRefusal(.malformed, "\(error)"))
        }
        for anchor in [local, foreign] {
            guard let party = body.party(anchor.authority) else {
                return .failure(
                    AgreementRefusal(
                        .otherAuthority,
                        "agreement \(body.id) is between \(body.parties.map(\.authority).joined(separator: " and ")), not \(anchor.authority)"
                    ))
            }
            guard party.keys.allSatisfy({ anchor.keys[$0.key] == $0.value }) else {
                return .failure(
                    AgreementRefusal(
                        .otherAuthority,
                        "agreement \(body.id) lists keys for \(anchor.authority) that its anchor does not hold"))
            }
            guard let entry = signatures.first(where: { $0.authority == anchor.authority }) else {
                return .failure(
                    AgreementRefusal(
                        .missingSignature,
                        "agreement \(body.id) is not signed by \(anchor.authority): both authorities must sign it (`jointctl agreement sign`)"
                    ))
            }
            guard party.keys[String(entry.keyId)] != nil else {
                return .failure(
                    AgreementRefusal(
                        .unknownKey,
                        "agreement \(body.id) is signed with key \(entry.keyId) of \(anchor.authority), which it does not list"
                    ))
            }
            guard let raw = Data(base64Encoded: entry.signature), raw.count == 64 else {
                return .failure(
                    AgreementRefusal(.malformed, "the signature of \(anchor.authority) is not base64 of 64 bytes"))
            }
            let envelope = SignedDocument(
                format: Self.format, authority: anchor.authority, keyID: entry.keyId, document: document,
                signature: Array(raw))
            if case .failure(let refusal) = envelope.checkSignature(anchor: anchor) {
                let reason: AgreementRefusal.Reason = refusal.reason == .unknownKey ? .unknownKey : .misSigned
                return .failure(AgreementRefusal(reason, "agreement \(body.id): \(refusal.message)"))
            }
        }
        guard now < body.expiresAt else {
            return .failure(
                AgreementRefusal(
                    .expired,
                    "agreement \(body.id) version \(body.version) expired at \(body.expiresAt.formatted(.iso8601)); both authorities must sign a new version"
                ))
        }
        guard now >= body.issuedAt.addingTimeInterval(-Membership.clockTolerance) else {
            return .failure(
                AgreementRefusal(
                    .notYetValid,
                    "agreement \(body.id) is issued in the future (\(body.issuedAt.formatted(.iso8601))); check the clock"
                ))
        }
        return .success(body)
    }
}
