import CZeroMQ

/// CURVE (CurveZMQ) support of the linked libzmq.
public enum Curve {
    /// Whether libzmq was built with CURVE (`zmq_has("curve")`); Debian's libzmq3-dev is.
    public static var isAvailable: Bool { zmq_has("curve") != 0 }
}

/// A 32-byte CURVE key (public or secret), printable as 40 Z85 characters.
///
/// `description` shows only the first 8 Z85 characters, so a secret key never lands whole in a log.
public struct CurveKey: Sendable, Hashable, CustomStringConvertible {
    /// The 32 raw bytes.
    public let bytes: [UInt8]

    /// Wraps 32 raw bytes. - Throws: ``ZMQError`` (`EINVAL`) for another length.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else {
            throw ZMQError(operation: "CurveKey(bytes: \(bytes.count) bytes, need 32)", errno: EINVAL)
        }
        self.bytes = bytes
    }

    /// Decodes a 40-character Z85 key. - Throws: ``ZMQError`` (`EINVAL`) when it is not one.
    public init(z85: String) throws {
        guard z85.utf8.count == 40 else {
            throw ZMQError(operation: "CurveKey(z85: \(z85.utf8.count) characters, need 40)", errno: EINVAL)
        }
        try self.init(bytes: Z85.decode(z85))
    }

    /// The key as 40 Z85 characters.
    public var z85: String { (try? Z85.encode(bytes)) ?? "" }

    /// `CurveKey(abcdefgh…)`.
    public var description: String { "CurveKey(\(z85.prefix(8))…)" }
}

/// A CURVE long-term key pair.
public struct CurveKeyPair: Sendable, Hashable {
    /// The public key: give it to peers (servers' to clients, clients' to the ZAP allow-list).
    public let publicKey: CurveKey
    /// The secret key: never leaves its owner.
    public let secretKey: CurveKey

    /// Pairs two keys as they are (no check that they belong together).
    public init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Rebuilds the pair from its secret key (`zmq_curve_public`).
    public init(secretKey: CurveKey) throws {
        var publicZ85 = [CChar](repeating: 0, count: 41)
        var secretZ85 = Array(secretKey.z85.utf8CString)
        guard zmq_curve_public(&publicZ85, &secretZ85) == 0 else { throw ZMQError.last("zmq_curve_public") }
        let text = String(decoding: publicZ85.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.init(publicKey: try CurveKey(z85: text), secretKey: secretKey)
    }

    /// Makes a new random key pair (`zmq_curve_keypair`).
    /// - Throws: ``ZMQError`` (`ENOTSUP`) when libzmq lacks CURVE.
    public static func generate() throws -> CurveKeyPair {
        var publicZ85 = [CChar](repeating: 0, count: 41)
        var secretZ85 = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicZ85, &secretZ85) == 0 else { throw ZMQError.last("zmq_curve_keypair") }
        func text(_ chars: [CChar]) -> String {
            String(decoding: chars.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return CurveKeyPair(
            publicKey: try CurveKey(z85: text(publicZ85)), secretKey: try CurveKey(z85: text(secretZ85)))
    }
}

extension Socket {
    /// Makes this socket a CURVE server with `secretKey` (set before bind).
    ///
    /// Clients are authenticated by the context's ZAP handler: start a ``ZAPHandler`` first.
    ///
    /// With `enforceZAP` (the default) the server also refuses clients while no handler answers,
    /// e.g. after ``ZAPHandler/stop()``: it sets `ZMQ_ZAP_ENFORCE_DOMAIN` and a ZAP domain
    /// (`zapDomain`, or ``ZAPHandler/defaultDomain`` when `nil`). libzmq 4.3.4 skips ZAP entirely
    /// when that option is set with an empty domain, so the domain is never left empty here.
    /// Without `enforceZAP`, a server with no handler in its context admits **every** client
    /// (libzmq's default).
    public func makeCurveServer(secretKey: CurveKey, zapDomain: String? = nil, enforceZAP: Bool = true) throws {
        try set(.curveServer, true)
        try set(.curveSecretKey, secretKey)
        let domain = zapDomain ?? (enforceZAP ? ZAPHandler.defaultDomain : "")
        if enforceZAP && domain.isEmpty {
            throw ZMQError(operation: "makeCurveServer: enforceZAP needs a non-empty zapDomain", errno: EINVAL)
        }
        if !domain.isEmpty { try set(.zapDomain, domain) }
        try set(.zapEnforceDomain, enforceZAP)
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`
    /// (set before connect).
    public func makeCurveClient(serverKey: CurveKey, keyPair: CurveKeyPair) throws {
        try set(.curveServerKey, serverKey)
        try set(.curvePublicKey, keyPair.publicKey)
        try set(.curveSecretKey, keyPair.secretKey)
    }
}
