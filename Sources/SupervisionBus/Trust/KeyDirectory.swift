import Foundation
import ZeroMQ

/// A department's keys, in a directory only its owner can read:
///
/// - `curve.key`: the CURVE secret key, 40 Z85 characters (mode 0600);
/// - `signing-<id>.key`: Ed25519 log-signing key seeds, base64 (mode 0600). The agent signs
///   with the highest id that the membership lists; lower ids are retired keys, kept listed
///   in the membership so that the events they signed still verify.
///
/// `jointctl keys generate` creates it; `jointctl keys generate --rotate` adds the next signing key.
public struct KeyDirectory: Sendable {
    /// The directory.
    public let path: String
    /// The CURVE key pair (transport encryption and authentication).
    public let curve: CurveKeyPair
    /// The signing keys by key id.
    public let signingKeys: [UInt32: SigningKey]

    /// The file of signing key `id`.
    public static func signingKeyFile(_ directory: String, id: UInt32) -> String {
        (directory as NSString).appendingPathComponent("signing-\(id).key")
    }

    /// The CURVE secret key file.
    public static func curveKeyFile(_ directory: String) -> String {
        (directory as NSString).appendingPathComponent("curve.key")
    }

    /// Loads every key, refusing files that group or others can access.
    public init(path: String) throws {
        self.path = path
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw BusError(
                .invalidKey,
                "cannot read key directory \(path): \(error.localizedDescription); create it with `jointctl keys generate`"
            )
        }
        let curveText = try KeyFile.read(Self.curveKeyFile(path), what: "CURVE secret key")
        do {
            curve = try CurveKeyPair(secretKey: try CurveKey(z85: curveText))
        } catch {
            throw BusError(.invalidKey, "\(Self.curveKeyFile(path)) does not hold a 40-character Z85 CURVE secret key")
        }
        var keys: [UInt32: SigningKey] = [:]
        for name in names where name.hasPrefix("signing-") && name.hasSuffix(".key") {
            guard let id = UInt32(name.dropFirst(8).dropLast(4)) else { continue }
            keys[id] = try SigningKey.load(from: Self.signingKeyFile(path, id: id))
        }
        guard !keys.isEmpty else { throw BusError(.invalidKey, "key directory \(path) holds no signing-<id>.key") }
        signingKeys = keys
    }

    /// Creates the directory (mode 0700) with a new CURVE key pair and signing key 0, or with
    /// `rotate`, adds the next signing key to an existing one. Returns the loaded directory.
    @discardableResult
    public static func generate(at path: String, rotate: Bool = false) throws -> KeyDirectory {
        if rotate {
            let existing = try KeyDirectory(path: path)
            let next = (existing.signingKeys.keys.max() ?? 0) + 1
            try SigningKey().write(to: signingKeyFile(path, id: next))
            return try KeyDirectory(path: path)
        }
        guard !FileManager.default.fileExists(atPath: curveKeyFile(path)) else {
            throw BusError(
                .invalidKey, "\(path) already holds keys; use --rotate to add a signing key, never overwrite keys")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BusError(.invalidKey, "cannot create key directory \(path): \(error.localizedDescription)")
        }
        let pair = try CurveKeyPair.generate()
        try KeyFile.create(curveKeyFile(path), contents: pair.secretKey.z85)
        try SigningKey().write(to: signingKeyFile(path, id: 0))
        return try KeyDirectory(path: path)
    }

    /// The public parts, as they go into a membership entry: CURVE key (Z85) and signing keys (base64).
    public var publicEntry: (curveKey: String, signingKeys: [String: String]) {
        (
            curve.publicKey.z85,
            Dictionary(
                uniqueKeysWithValues: signingKeys.map {
                    (String($0.key), Data($0.value.publicKey).base64EncodedString())
                })
        )
    }

    /// The signing key to use with `member`'s listed keys: the highest id whose public key the
    /// membership lists for it, or `nil` when none matches.
    public func currentSigningKey(listed: [String: String]) -> (id: UInt32, key: SigningKey)? {
        signingKeys.sorted { $0.key > $1.key }.first { id, key in
            listed[String(id)] == Data(key.publicKey).base64EncodedString()
        }.map { ($0.key, $0.value) }
    }
}
