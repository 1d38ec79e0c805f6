import Crypto
import Foundation

/// The configuration authority's public keys: what every agent trusts to sign membership.
///
/// A JSON file, written by `jointctl keys generate --authority`:
/// `{ "authority": "shanghai-city", "keys": { "0": "<base64 Ed25519 public key>" } }`.
///
/// `@unchecked Sendable`: the keys are immutable values (swift-crypto 3 does not mark them).
public struct TrustAnchor: @unchecked Sendable, Codable, Hashable {
    /// The authority id, as named in signed documents.
    public var authority: String
    /// Its public keys by key id, base64.
    public var keys: [String: String]

    /// Creates an anchor.
    public init(authority: String, keys: [String: String]) {
        self.authority = authority
        self.keys = keys
    }

    /// The public key with `id`, if the anchor holds a valid one.
    func key(_ id: UInt32) -> Curve25519.Signing.PublicKey? {
        guard let base64 = keys[String(id)], let raw = Data(base64Encoded: base64) else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    /// Loads and checks an anchor file.
    public static func load(from path: String) throws -> TrustAnchor {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BusError(.invalidConfiguration, "cannot read trust anchor file \(path)")
        }
        guard let anchor = try? JSONDecoder().decode(TrustAnchor.self, from: data) else {
            throw BusError(
                .invalidConfiguration,
                "trust anchor \(path) is not {\"authority\": ..., \"keys\": {\"0\": \"<base64>\"}}")
        }
        guard !anchor.keys.isEmpty, anchor.keys.keys.allSatisfy({ UInt32($0).flatMap(anchor.key) != nil }) else {
            throw BusError(.invalidConfiguration, "trust anchor \(path) holds no valid base64 Ed25519 key")
        }
        return anchor
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }
}

/// A configuration authority's private signing key.
///
/// `@unchecked Sendable`: the wrapped key is an immutable value.
public struct AuthorityKey: @unchecked Sendable {
    /// The authority id.
    public let authority: String
    /// This key's id.
    public let keyID: UInt32
    let key: Curve25519.Signing.PrivateKey

    /// Wraps a signing key.
    public init(authority: String, keyID: UInt32, signingKey: SigningKey) {
        self.authority = authority
        self.keyID = keyID
        self.key = signingKey.key
    }

    /// The anchor entry for this key.
    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }

    func sign(_ input: [UInt8]) throws -> [UInt8] { Array(try key.signature(for: input)) }
}

extension AuthorityKey {
    /// The file of authority key `id` in an authority directory.
    public static func keyFile(_ directory: String, id: UInt32) -> String {
        (directory as NSString).appendingPathComponent("authority-\(id).key")
    }

    /// The anchor file of an authority directory (give it to every agent).
    public static func anchorFile(_ directory: String) -> String {
        (directory as NSString).appendingPathComponent("anchor.json")
    }

    /// Creates an authority directory (mode 0700): key 0 and its `anchor.json`; with `rotate`,
    /// adds the next key to an existing one and lists it in the anchor next to the older keys.
    @discardableResult
    public static func generate(authority: String, at directory: String, rotate: Bool = false) throws -> AuthorityKey {
        var anchor = TrustAnchor(authority: authority, keys: [:])
        var id: UInt32 = 0
        if rotate {
            anchor = try TrustAnchor.load(from: anchorFile(directory))
            id = (anchor.keys.keys.compactMap(UInt32.init).max() ?? 0) + 1
        } else {
            guard !FileManager.default.fileExists(atPath: anchorFile(directory)) else {
                throw BusError(.invalidKey, "\(directory) already holds an authority; use --rotate to add a key")
            }
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw BusError(
                    .invalidKey, "cannot create authority directory \(directory): \(error.localizedDescription)")
            }
        }
        let key = SigningKey()
        try key.write(to: keyFile(directory, id: id))
        anchor.keys[String(id)] = Data(key.publicKey).base64EncodedString()
        try DurableFile.replace(anchorFile(directory), with: anchor.serialized())
        return AuthorityKey(authority: anchor.authority, keyID: id, signingKey: key)
    }

    /// Loads the newest key of an authority directory.
    public static func load(from directory: String) throws -> AuthorityKey {
        let anchor = try TrustAnchor.load(from: anchorFile(directory))
        guard let id = anchor.keys.keys.compactMap(UInt32.init).max() else {
            throw BusError(.invalidKey, "\(anchorFile(directory)) lists no key")
        }
        let key = try SigningKey.load(from: keyFile(directory, id: id))
        guard anchor.keys[String(id)] == Data(key.publicKey).base64EncodedString() else {
            throw BusError(.invalidKey, "\(keyFile(directory, id: id)) is not the key the anchor lists as \(id)")
        }
        return AuthorityKey(authority: anchor.authority, keyID: id, signingKey: key)
    }
}
