import Crypto
import Foundation

/// A document signed by the configuration authority: the envelope shared by the membership
/// (format `JSMD1`) and the catalog (`JSCD1`).
///
/// The file is JSON:
/// ```json
/// { "format": "JSMD1", "authority": "shanghai-city", "keyId": 0,
///   "document": "<base64 of the body bytes>", "signature": "<base64, 64 bytes>" }
/// ```
/// The signature is Ed25519 over
/// `format || 0x00 || u32be(len(authority)) || authority || u32be(keyId) || body bytes`, so a
/// signature over one format never verifies as another; the body is kept as the exact bytes that
/// were signed (Protocols/spec/1-JSB.md, "Signed membership").
public struct SignedDocument: Sendable, Hashable {
    /// The format tag, e.g. `"JSMD1"`.
    public var format: String
    /// Who signed: the anchor's authority id.
    public var authority: String
    /// Which of the authority's keys signed.
    public var keyID: UInt32
    /// The signed body bytes.
    public var document: [UInt8]
    /// Ed25519 signature, 64 bytes.
    public var signature: [UInt8]

    private struct File: Codable {
        var format: String
        var authority: String
        var keyId: UInt32
        var document: String
        var signature: String
    }

    /// Wraps the parts of a signed document.
    public init(format: String, authority: String, keyID: UInt32, document: [UInt8], signature: [UInt8]) {
        self.format = format
        self.authority = authority
        self.keyID = keyID
        self.document = document
        self.signature = signature
    }

    /// The signing input of `document` in `format`, signed by `authority`'s key `keyID`.
    public static func signingInput(format: String, authority: String, keyID: UInt32, document: [UInt8]) -> [UInt8] {
        var input = Array(format.utf8) + [0]
        withUnsafeBytes(of: UInt32(authority.utf8.count).bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: authority.utf8)
        withUnsafeBytes(of: keyID.bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: document)
        return input
    }

    /// Signs `document` bytes in `format` with the authority's key.
    public static func sign(_ document: [UInt8], format: String, with key: AuthorityKey) throws -> SignedDocument {
        let input = signingInput(format: format, authority: key.authority, keyID: key.keyID, document: document)
        return SignedDocument(
            format: format, authority: key.authority, keyID: key.keyID, document: document,
            signature: try key.sign(input))
    }

    /// Parses a signed file's bytes of `format` (does not verify); `code` classes the errors,
    /// `what` names the document in them (e.g. "membership").
    public static func parse(_ bytes: [UInt8], format: String, what: String, code: BusError.Code) throws
        -> SignedDocument
    {
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)) else {
            throw BusError(
                code,
                "not a signed \(what) document (JSON with format, authority, keyId, document, signature); sign it with `jointctl \(what) sign`"
            )
        }
        guard file.format == format else {
            throw BusError(code, "unknown \(what) format \(file.format), expected \(format)")
        }
        guard let document = Data(base64Encoded: file.document), let signature = Data(base64Encoded: file.signature),
            signature.count == 64
        else {
            throw BusError(code, "document or signature is not base64 (signature: 64 bytes)")
        }
        return SignedDocument(
            format: format, authority: file.authority, keyID: file.keyId, document: Array(document),
            signature: Array(signature))
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        let file = File(
            format: format, authority: authority, keyId: keyID, document: Data(document).base64EncodedString(),
            signature: Data(signature).base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Array((try? encoder.encode(file)) ?? Data()) + [0x0A]
    }

    /// Checks the signature against `anchor` and returns the body bytes, or the reason of a refusal.
    public func checkSignature(anchor: TrustAnchor) -> Result<[UInt8], MembershipRefusal> {
        guard authority == anchor.authority else {
            return .failure(
                MembershipRefusal(
                    .otherAuthority, "signed by authority \(authority), but this agent trusts \(anchor.authority)"))
        }
        guard let key = anchor.key(keyID) else {
            return .failure(
                MembershipRefusal(
                    .unknownKey, "signed with key \(keyID) of \(authority), which the anchor does not hold"))
        }
        let input = Self.signingInput(format: format, authority: authority, keyID: keyID, document: document)
        guard key.isValidSignature(signature, for: input) else {
            return .failure(
                MembershipRefusal(
                    .misSigned, "the signature of \(authority) key \(keyID) does not verify: mis-signed or altered"))
        }
        return .success(document)
    }
}
