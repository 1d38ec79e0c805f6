import Crypto

/// Command line of `protocol-peer` (see `usage`).
struct PeerOptions {
    static let usage = """
        usage: protocol-peer --department ID --seed HEX --peer ID --peer-key HEX --reply-to ENDPOINT
                             [--timeout-ms N]

        The Swift side of the JSB/1 interop check (scripts/python-interop). Binds a ROUTER on
        tcp://127.0.0.1:* and prints "ENDPOINT <endpoint>"; receives one BusMessage from the
        peer's DEALER (routing id --peer), which must be a BATCH of the peer's events from seq 1,
        and verifies it (structure, chain, payload hashes, Ed25519 checkpoint with --peer-key).
        Then connects a DEALER (routing id --department) to --reply-to and sends a HELLO whose
        heads name the received last event's hash, and a BATCH of one "test" event whose body is
        that hash, signed with the Ed25519 seed --seed. Exits 0 on success, 1 on failure,
        2 on a usage error.
        """

    var department: String
    var signingKey: Curve25519.Signing.PrivateKey
    var peer: String
    var peerKey: Curve25519.Signing.PublicKey
    var replyTo: String
    var timeoutMilliseconds = 20_000

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        var values = [String: String]()
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard name.hasPrefix("--"), let value = iterator.next() else {
                throw UsageError(description: "expected --option value, got \(name)")
            }
            values[String(name.dropFirst(2))] = value
        }
        func required(_ name: String) throws -> String {
            guard let value = values.removeValue(forKey: name) else {
                throw UsageError(description: "missing --\(name)")
            }
            return value
        }
        func key(_ name: String) throws -> [UInt8] {
            let hex = try required(name)
            guard let bytes = Self.bytes(hex: hex), bytes.count == 32 else {
                throw UsageError(description: "--\(name) must be 64 hex digits")
            }
            return bytes
        }
        department = try required("department")
        signingKey = try Curve25519.Signing.PrivateKey(rawRepresentation: key("seed"))
        peer = try required("peer")
        peerKey = try Curve25519.Signing.PublicKey(rawRepresentation: key("peer-key"))
        replyTo = try required("reply-to")
        if let timeout = values.removeValue(forKey: "timeout-ms") {
            guard let value = Int(timeout), value > 0 else { throw UsageError(description: "bad --timeout-ms") }
            timeoutMilliseconds = value
        }
        if let unknown = values.keys.first { throw UsageError(description: "unknown option --\(unknown)") }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                return nil
            }
            out.append(byte)
        }
        return out
    }
}
