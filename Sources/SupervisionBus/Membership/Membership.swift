import Foundation

/// Who belongs to the bus: department ids, bus endpoints and public signing keys.
///
/// Read from a JSON file for now (signed, expiring membership documents come later):
/// ```json
/// { "version": 1,
///   "departments": [
///     { "id": "fire", "busEndpoint": "tcp://10.0.0.2:7100",
///       "signingKeys": { "0": "<base64 Ed25519 public key>" } } ] }
/// ```
public struct Membership: Sendable, Codable, Hashable {
    /// One member department.
    public struct Member: Sendable, Codable, Hashable {
        /// Department id, `[a-z0-9-]{1,32}`.
        public var id: String
        /// The endpoint its agent's ROUTER binds and peers connect to.
        public var busEndpoint: String
        /// Its Ed25519 public signing keys by key id, base64.
        public var signingKeys: [String: String]

        /// Creates a member.
        public init(id: String, busEndpoint: String, signingKeys: [String: String]) {
            self.id = id
            self.busEndpoint = busEndpoint
            self.signingKeys = signingKeys
        }
    }

    /// Version of this membership list.
    public var version: Int
    /// The members, this department included.
    public var departments: [Member]

    /// Creates a membership list.
    public init(version: Int, departments: [Member]) {
        self.version = version
        self.departments = departments
    }

    /// Loads and validates a membership file.
    public static func load(from path: String) throws -> Membership {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BusError(.invalidConfiguration, "cannot read membership file \(path): \(error.localizedDescription)")
        }
        let membership: Membership
        do {
            membership = try JSONDecoder().decode(Membership.self, from: data)
        } catch {
            throw BusError(.invalidConfiguration, "membership file \(path) is not valid: \(error)")
        }
        try membership.validate()
        return membership
    }

    /// Checks ids, endpoints and keys, throwing a ``BusError`` that names the first problem.
    public func validate() throws {
        var seen: Set<String> = []
        for member in departments {
            guard Self.isValidDepartmentID(member.id) else {
                throw BusError(.invalidConfiguration, "department id \"\(member.id)\" must match [a-z0-9-]{1,32}")
            }
            guard seen.insert(member.id).inserted else {
                throw BusError(.invalidConfiguration, "department \(member.id) is listed twice")
            }
            guard member.busEndpoint.hasPrefix("tcp://") || member.busEndpoint.hasPrefix("ipc://") else {
                throw BusError(
                    .invalidConfiguration,
                    "bus endpoint of \(member.id) must be tcp:// or ipc://, got \(member.busEndpoint)")
            }
            guard !member.signingKeys.isEmpty else {
                throw BusError(.invalidConfiguration, "department \(member.id) has no signing key")
            }
        }
        _ = try verifier()
    }

    /// A checkpoint verifier over every member's keys.
    public func verifier() throws -> CheckpointVerifier {
        var keys: [String: [UInt32: [UInt8]]] = [:]
        for member in departments {
            for (id, base64) in member.signingKeys {
                guard let keyID = UInt32(id), let raw = Data(base64Encoded: base64) else {
                    throw BusError(
                        .invalidConfiguration, "signing key \(id) of \(member.id) is not base64 with a numeric id")
                }
                keys[member.id, default: [:]][keyID] = Array(raw)
            }
        }
        return try CheckpointVerifier(publicKeys: keys)
    }

    /// The member with `id`.
    public func member(_ id: String) -> Member? { departments.first { $0.id == id } }

    /// Whether `id` is a valid department id: `[a-z0-9-]{1,32}`.
    public static func isValidDepartmentID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 32
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
