import Foundation
import ZeroMQ

/// The membership document: who belongs to the bus, their keys and endpoints, and what data
/// each may receive (the 部门数据职责清单), with a version and a validity period.
///
/// Agents only accept it signed by their configuration authority (``SignedMembership``);
/// this is the signed body, as JSON:
/// ```json
/// { "version": 3, "issuedAt": "2026-11-27T00:00:00Z", "expiresAt": "2027-02-25T00:00:00Z",
///   "departments": [
///     { "id": "fire", "name": "Fire and Rescue", "busEndpoint": "tcp://10.0.0.2:7100",
///       "curveKey": "<40 Z85 characters>", "signingKeys": { "0": "<base64 Ed25519 public key>" },
///       "roles": ["inspector"],
///       "receives": { "kinds": ["intent", "plan.proposal", "finding"], "categories": ["fire-safety"] } } ] }
/// ```
public struct Membership: Sendable, Codable, Hashable {
    /// One member department.
    public struct Member: Sendable, Codable, Hashable {
        /// Department id, `[a-z0-9-]{1,32}`.
        public var id: String
        /// Human-readable name.
        public var name: String
        /// The endpoint its agent's ROUTER binds and peers connect to.
        public var busEndpoint: String
        /// Its CURVE public key, 40 Z85 characters: its ROUTER's server key and its DEALERs' client key.
        public var curveKey: String
        /// Its Ed25519 public signing keys by key id, base64. Retired keys stay listed so that
        /// old events still verify.
        public var signingKeys: [String: String]
        /// Roles, e.g. `inspector`, `coordinator` (informational).
        public var roles: [String]
        /// The data it may receive; nothing when absent (deny by default).
        public var receives: DataRights

        /// Creates a member.
        public init(
            id: String, name: String = "", busEndpoint: String, curveKey: String, signingKeys: [String: String],
            roles: [String] = [], receives: DataRights = DataRights()
        ) {
            self.id = id
            self.name = name
            self.busEndpoint = busEndpoint
            self.curveKey = curveKey
            self.signingKeys = signingKeys
            self.roles = roles
            self.receives = receives
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            busEndpoint = try c.decode(String.self, forKey: .busEndpoint)
            curveKey = try c.decode(String.self, forKey: .curveKey)
            signingKeys = try c.decode([String: String].self, forKey: .signingKeys)
            roles = try c.decodeIfPresent([String].self, forKey: .roles) ?? []
            receives = try c.decodeIfPresent(DataRights.self, forKey: .receives) ?? DataRights()
        }

        /// The CURVE public key, decoded.
        public func curvePublicKey() throws -> CurveKey {
            do {
                return try CurveKey(z85: curveKey)
            } catch {
                throw BusError(.invalidMembership, "curveKey of \(id) is not 40 Z85 characters")
            }
        }
    }

    /// Increases with every issue; an agent never goes back to a lower one.
    public var version: Int
    /// When the authority issued it.
    public var issuedAt: Date
    /// After this instant the document is no longer valid.
    public var expiresAt: Date
    /// The members.
    public var departments: [Member]

    /// Creates a membership document. Instants are kept to the second, as they are signed.
    public init(version: Int, issuedAt: Date, expiresAt: Date, departments: [Member]) {
        self.version = version
        self.issuedAt = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        self.expiresAt = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded(.down))
        self.departments = departments
    }

    /// Decodes and validates a document body (JSON with ISO 8601 instants).
    public static func decode(_ json: [UInt8]) throws -> Membership {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let membership: Membership
        do {
            membership = try decoder.decode(Membership.self, from: Data(json))
        } catch let error as DecodingError {
            throw BusError(.invalidMembership, "the membership document is not valid: \(describe(error))")
        } catch {
            throw BusError(.invalidMembership, "the membership document is not valid: \(error)")
        }
        try membership.validate()
        return membership
    }

    /// The document body as canonical-enough JSON (sorted keys, ISO 8601 instants).
    public func encoded(pretty: Bool = false) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// Checks ids, endpoints and keys, throwing a ``BusError`` that names the first problem.
    public func validate() throws {
        guard version > 0 else { throw BusError(.invalidMembership, "version must be positive, got \(version)") }
        guard expiresAt > issuedAt else {
            throw BusError(.invalidMembership, "expiresAt must come after issuedAt")
        }
        var seen: Set<String> = []
        var curveKeys: Set<String> = []
        for member in departments {
            guard Self.isValidDepartmentID(member.id) else {
                throw BusError(.invalidMembership, "department id \"\(member.id)\" must match [a-z0-9-]{1,32}")
            }
            guard seen.insert(member.id).inserted else {
                throw BusError(.invalidMembership, "department \(member.id) is listed twice")
            }
            guard member.busEndpoint.hasPrefix("tcp://") || member.busEndpoint.hasPrefix("ipc://") else {
                throw BusError(
                    .invalidMembership,
                    "bus endpoint of \(member.id) must be tcp:// or ipc://, got \(member.busEndpoint)")
            }
            guard !member.signingKeys.isEmpty else {
                throw BusError(.invalidMembership, "department \(member.id) has no signing key")
            }
            _ = try member.curvePublicKey()
            guard curveKeys.insert(member.curveKey).inserted else {
                throw BusError(.invalidMembership, "department \(member.id) shares its curveKey with another member")
            }
        }
        _ = try verifier()
    }

    /// How far in the future `issuedAt` may lie, for clocks that disagree: 5 minutes.
    public static let clockTolerance: TimeInterval = 300

    /// Whether the document is valid at `date`: from `issuedAt` (less ``clockTolerance``) until `expiresAt`.
    public func isValid(at date: Date) -> Bool {
        date >= issuedAt.addingTimeInterval(-Self.clockTolerance) && date < expiresAt
    }

    /// A checkpoint verifier over every member's keys.
    public func verifier() throws -> CheckpointVerifier {
        try CheckpointVerifier(publicKeys: signingKeys())
    }

    /// Every member's signing public keys: department → key id → raw key.
    public func signingKeys() throws -> [String: [UInt32: [UInt8]]] {
        var keys: [String: [UInt32: [UInt8]]] = [:]
        for member in departments {
            for (id, base64) in member.signingKeys {
                guard let keyID = UInt32(id), let raw = Data(base64Encoded: base64), raw.count == 32 else {
                    throw BusError(
                        .invalidMembership,
                        "signing key \(id) of \(member.id) is not a base64 32-byte key with a numeric id")
                }
                keys[member.id, default: [:]][keyID] = Array(raw)
            }
        }
        return keys
    }

    /// The ZAP allow-list: every member's CURVE public key → its department id.
    public func allowList() throws -> [CurveKey: String] {
        var list: [CurveKey: String] = [:]
        for member in departments { list[try member.curvePublicKey()] = member.id }
        return list
    }

    /// Kinds every member receives in full: the authority's signed documents, `membership`
    /// (this document) and `catalog`.
    public static let publicKinds: Set<String> = ["membership", "catalog"]

    /// The member with `id`.
    public func member(_ id: String) -> Member? { departments.first { $0.id == id } }

    /// Whether `department` may receive the payload of an event of `origin` and `kind` whose
    /// content falls in `category()` (`nil`: the kind has no categories; asked only when the
    /// rights depend on it). Deny by default: only the origin itself, and members whose
    /// ``Member/receives`` allow the kind and category. The authority's documents (``publicKinds``)
    /// go to every member.
    public func mayReceive(
        _ department: String, origin: String, kind: String, category: () -> String?
    ) -> Bool {
        if department == origin || Self.publicKinds.contains(kind) { return true }
        guard let rights = member(department)?.receives, rights.kinds.contains("*") || rights.kinds.contains(kind)
        else { return false }
        return rights.categories.contains("*") || rights.allows(kind: kind, category: category())
    }

    /// Whether `id` is a valid department id: `[a-z0-9-]{1,32}`.
    public static func isValidDepartmentID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 32
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
