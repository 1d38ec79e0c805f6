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
        /// Its department kind (`market`, `fire`, …): what the catalog's scenarios, checklist
        /// owners, routes and rules name. Absent: the id is the kind (a bus of one jurisdiction).
        public var kind: String?
        /// Its jurisdiction: `""` (absent) for the city, `pudong` for a district, `pudong/lujiazui`
        /// for a sub-district (see ``Jurisdiction``).
        public var jurisdiction: Jurisdiction
        /// Its level of government; when given it must match the jurisdiction's depth.
        public var level: Jurisdiction.Level?

        /// Creates a member.
        public init(
            id: String, name: String = "", busEndpoint: String, curveKey: String, signingKeys: [String: String],
            roles: [String] = [], receives: DataRights = DataRights(), kind: String? = nil,
            jurisdiction: Jurisdiction = .city, level: Jurisdiction.Level? = nil
        ) {
            self.id = id
            self.name = name
            self.busEndpoint = busEndpoint
            self.curveKey = curveKey
            self.signingKeys = signingKeys
            self.roles = roles
            self.receives = receives
            self.kind = kind
            self.jurisdiction = jurisdiction
            self.level = level
        }

        /// Its department kind: ``kind``, else its id.
        public var departmentKind: String { kind ?? id }

        private enum CodingKeys: String, CodingKey {
            case id, name, busEndpoint, curveKey, signingKeys, roles, receives, kind, jurisdiction, level
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
            kind = try c.decodeIfPresent(String.self, forKey: .kind)
            jurisdiction = try c.decodeIfPresent(Jurisdiction.self, forKey: .jurisdiction) ?? .city
            level = try c.decodeIfPresent(Jurisdiction.Level.self, forKey: .level)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(busEndpoint, forKey: .busEndpoint)
            try c.encode(curveKey, forKey: .curveKey)
            try c.encode(signingKeys, forKey: .signingKeys)
            try c.encode(roles, forKey: .roles)
            try c.encode(receives, forKey: .receives)
            try c.encodeIfPresent(kind, forKey: .kind)
            if !jurisdiction.isCity { try c.encode(jurisdiction, forKey: .jurisdiction) }
            try c.encodeIfPresent(level, forKey: .level)
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
    /// The federation boundary when foreign members are included (``Federation/apply(to:)``);
    /// never part of the signed document.
    public var boundary: FederationBoundary? = nil

    private enum CodingKeys: String, CodingKey { case version, issuedAt, expiresAt, departments }

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
            if let kind = member.kind, !Self.isValidDepartmentID(kind) {
                throw BusError(.invalidMembership, "kind \"\(kind)\" of \(member.id) must match [a-z0-9-]{1,32}")
            }
            if let level = member.level, level != member.jurisdiction.level {
                throw BusError(
                    .invalidMembership,
                    "\(member.id) is listed at level \(level.rawValue) but its jurisdiction \"\(member.jurisdiction)\" is at level \(member.jurisdiction.level.rawValue)"
                )
            }
            for pattern in member.receives.jurisdictions ?? [] where pattern != "*" {
                guard Jurisdiction(pattern) != nil else {
                    throw BusError(
                        .invalidMembership,
                        "receives.jurisdictions of \(member.id) names \"\(pattern)\", not a jurisdiction or \"*\"")
                }
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

    /// Who holds whose log, and who connects to whom (see ``Topology``). Built on each call:
    /// keep it where it is asked often.
    public var topology: Topology { Topology(self) }

    /// Whether `department` may receive the payload of an event of `origin` and `kind` whose
    /// content falls in `category()` (`nil`: the kind has no categories; asked only when the
    /// rights depend on it). Deny by default: only the origin itself, and members whose
    /// ``Member/receives`` allow the kind and category, among those that hold the origin's log
    /// (``Topology/holds(_:origin:)``). The authority's documents (``publicKinds``) go to every
    /// member that holds the log.
    public func mayReceive(
        _ department: String, origin: String, kind: String, category: () -> String?
    ) -> Bool {
        topology.mayReceive(department, origin: origin, kind: kind, category: category)
    }

    /// Whether `id` is a valid department id: `[a-z0-9-]{1,32}`.
    public static func isValidDepartmentID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 32
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
