import Crypto
import Foundation

/// A membership document as the configuration authority signed it (format `JSMD1`).
///
/// The file is JSON:
/// ```json
/// { "format": "JSMD1", "authority": "shanghai-city", "keyId": 0,
///   "document": "<base64 of the document body bytes>", "signature": "<base64, 64 bytes>" }
/// ```
/// The signature is Ed25519 over
/// `"JSMD1" 0x00 || u32be(len(authority)) || authority || u32be(keyId) || document bytes`;
/// the body is kept as the exact bytes that were signed, so nothing is re-encoded before
/// verification (Protocols/spec/1-JSB.md, "Signed membership").
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

    private struct File: Codable {
        var format: String
        var authority: String
        var keyId: UInt32
        var document: String
        var signature: String
    }

    /// The signing input for `document` signed by `authority`'s key `keyID`.
    public static func signingInput(authority: String, keyID: UInt32, document: [UInt8]) -> [UInt8] {
        var input = Array(format.utf8) + [0]
        withUnsafeBytes(of: UInt32(authority.utf8.count).bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: authority.utf8)
        withUnsafeBytes(of: keyID.bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: document)
        return input
    }

    /// Signs `membership` (validated first) with the authority's key.
    public static func sign(_ membership: Membership, with key: AuthorityKey) throws -> SignedMembership {
        try membership.validate()
        let document = membership.encoded(pretty: true)
        let signature = try key.sign(signingInput(authority: key.authority, keyID: key.keyID, document: document))
        return SignedMembership(authority: key.authority, keyID: key.keyID, document: document, signature: signature)
    }

    /// Parses a signed file's bytes (does not verify: see ``verify(anchor:now:)``).
    public static func parse(_ bytes: [UInt8]) throws -> SignedMembership {
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)) else {
            throw BusError(
                .invalidMembership,
                "not a signed membership document (JSON with format, authority, keyId, document, signature); sign it with `jointctl membership sign`"
            )
        }
        guard file.format == format else {
            throw BusError(.invalidMembership, "unknown membership format \(file.format), expected \(format)")
        }
        guard let document = Data(base64Encoded: file.document), let signature = Data(base64Encoded: file.signature),
            signature.count == 64
        else {
            throw BusError(.invalidMembership, "document or signature is not base64 (signature: 64 bytes)")
        }
        return SignedMembership(
            authority: file.authority, keyID: file.keyId, document: Array(document), signature: Array(signature))
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
    public func serialized() -> [UInt8] {
        let file = File(
            format: Self.format, authority: authority, keyId: keyID,
            document: Data(document).base64EncodedString(), signature: Data(signature).base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Array((try? encoder.encode(file)) ?? Data()) + [0x0A]
    }

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
        guard
            key.isValidSignature(
                signature, for: Self.signingInput(authority: authority, keyID: keyID, document: document))
        else {
            return .failure(
                MembershipRefusal(
                    .misSigned, "the signature of \(authority) key \(keyID) does not verify: mis-signed or altered"))
        }
        do {
            return .success(try Membership.decode(document))
        } catch let error as BusError {
            return .failure(MembershipRefusal(.malformed, error.message))
        } catch {
            return .failure(MembershipRefusal(.malformed, "\(error)"))
        }
    }
}
