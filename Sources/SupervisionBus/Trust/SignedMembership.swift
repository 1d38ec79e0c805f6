import Crypto
import Foundation

/// A membership document as the configuration authority signed it (format `JSMD1`).
///
/// The file is JSON:
/// ```json
/// { "format": "JSMD1", "authority": "shanghai-city", "keyId": 0,
///   "document": "<base64 of the document body bytes>", "signature": "<base64, 64 bytes>" }
/// ```
/// The envelope and signature are ``SignedDocument``'s with format `JSMD1`; the body is kept as
/// the exact bytes that were signed, so nothing is re-encoded before verification
/// (Protocols/spec/1-JSB.md, "Signed membership").
public struct SignedMembership: Sendable, Hashable {
    /// The format tag, `"JSMD1"`.
    public static let format = "JSMD1"
    /// Who signed: the anchor's authority id.
    public var authority: String
    /// Which of the authority's keys signed.
    public var keyID: UInt32
    /// The signed body bytes (JSON of ``Membership``).
    public var document: [UInt8]
    /// Ed25519 signature, 64 bytes.
    public var signature: [UInt8]

    /// The signing input for `document` signed by `authority`'s key `keyID`.
    public static func signingInput(authority: String, keyID: UInt32, document: [UInt8]) -> [UInt8] {
        SignedDocument.signingInput(format: format, authority: authority, keyID: keyID, document: document)
    }

    /// Wraps the parts of a signed membership.
    public init(authority: String, keyID: UInt32, document: [UInt8], signature: [UInt8]) {
        self.authority = authority
        self.keyID = keyID
        self.document = document
        self.signature = signature
    }

    private init(_ signed: SignedDocument) {
        self.init(
            authority: signed.authority, keyID: signed.keyID, document: signed.document, signature: signed.signature)
    }

    private var envelope: SignedDocument {
        SignedDocument(
            format: Self.format, authority: authority, keyID: keyID, document: document, signature: signature)
    }

    /// Signs `membership` (validated first) with the authority's key.
    public static func sign(_ membership: Membership, with key: AuthorityKey) throws -> SignedMembership {
        try membership.validate()
        return SignedMembership(try SignedDocument.sign(membership.encoded(pretty: true), format: format, with: key))
    }

    /// Parses a signed file's bytes (does not verify: see ``verify(anchor:now:)``).
    public static func parse(_ bytes: [UInt8]) throws -> SignedMembership {
        SignedMembership(
            try SignedDocument.parse(bytes, format: format, what: "membership", code: .invalidMembership))
    }

    /// Reads and parses a signed file.
    public static func load(from path: String) throws -> SignedMembership {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BusError(.invalidMembership, "cannot read membership file \(path)")
        }
        do {
            return try parse(Array(data))
        } catch let error as BusError {
            throw BusError(.invalidMembership, "membership file \(path): \(error.message)")
        }
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] { envelope.serialized() }

    /// Writes the file atomically (see ``serialized()``): an agent re-reading it never sees half a document.
    public func write(to path: String) throws { try DurableFile.replace(path, with: serialized()) }

    /// Verifies the signature against `anchor`, decodes and validates the body, and checks it
    /// is valid at `now`. Throws ``BusError`` `.invalidMembership` naming the failure.
    public func verify(anchor: TrustAnchor, now: Date = Date()) throws -> Membership {
        try check(anchor: anchor, now: now).mapError { BusError(.invalidMembership, $0.message) }.get()
    }

    /// Verifies the signature and decodes the body, whatever the date (for audits of old versions).
    public func verifySignature(anchor: TrustAnchor) throws -> Membership {
        try checkSignature(anchor: anchor).mapError { BusError(.invalidMembership, $0.message) }.get()
    }

    /// Like ``verify(anchor:now:)``, with the reason of a refusal.
    public func check(anchor: TrustAnchor, now: Date = Date()) -> Result<Membership, MembershipRefusal> {
        checkSignature(anchor: anchor).flatMap { membership in
            guard now < membership.expiresAt else {
                return .failure(
                    MembershipRefusal(
                        .expired,
                        "membership version \(membership.version) expired at \(membership.expiresAt.formatted(.iso8601)); ask the authority for a new one"
                    ))
            }
            guard now >= membership.issuedAt.addingTimeInterval(-Membership.clockTolerance) else {
                return .failure(
                    MembershipRefusal(
                        .notYetValid,
                        "membership version \(membership.version) is issued in the future (\(membership.issuedAt.formatted(.iso8601))); check the clock"
                    ))
            }
            return .success(membership)
        }
    }

    /// Like ``verifySignature(anchor:)``, with the reason of a refusal.
    public func checkSignature(anchor: TrustAnchor) -> Result<Membership, MembershipRefusal> {
        envelope.checkSignature(anchor: anchor).flatMap { document in
            do {
                return .success(try Membership.decode(document))
            } catch let error as BusError {
                return .failure(MembershipRefusal(.malformed, error.message))
            } catch {
                return .failure(MembershipRefusal(.malformed, "\(error)"))
            }
        }
    }
}
