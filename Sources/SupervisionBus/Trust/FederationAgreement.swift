import Foundation

/// A bilateral agreement between two configuration authorities (跨区域协作协议), the way
/// X-Road federates two instances: it names both authorities with their anchor keys, which
/// members of each side may exchange which event kinds and content categories in which
/// direction, and a validity period. Both authorities sign it (``SignedAgreement``).
///
/// The signed body, as JSON (Protocols/spec/1-JSB.md, "Federation agreement"):
/// ```json
/// { "id": "sh-sz-market", "version": 1,
///   "issuedAt": "2026-12-01T00:00:00Z", "expiresAt": "2027-03-01T00:00:00Z",
///   "parties": [ { "authority": "shanghai-city", "keys": { "0": "<base64 Ed25519>" } },
///                { "authority": "suzhou-city", "keys": { "0": "<base64 Ed25519>" } } ],
///   "exchanges": [
///     { "from": "shanghai-city", "fromMembers": ["market"], "to": "suzhou-city",
///       "toMembers": ["js-market"], "kinds": ["finding"], "categories": ["food-safety"] } ] }
/// ```
/// An exchange lets each of `fromMembers` (members of the `from` authority) send to each of
/// `toMembers` the content of events of `kinds` (in `categories` for categorised kinds). A
/// member named on the receiving side of an exchange holds the sender's log: the other events
/// of that log reach it with their payload withheld (kind, time, hash), so its chain verifies.
/// Nothing else crosses: no other member's log, no membership or catalog content.
public struct FederationAgreement: Sendable, Codable, Hashable {
    /// One signing authority and its anchor keys, as in its `anchor.json`.
    public struct Party: Sendable, Codable, Hashable {
        /// The authority id.
        public var authority: String
        /// Its public keys by key id, base64 (the keys of its ``TrustAnchor``).
        public var keys: [String: String]

        /// Creates a party.
        public init(authority: String, keys: [String: String]) {
            self.authority = authority
            self.keys = keys
        }

        /// The party of `anchor`.
        public init(_ anchor: TrustAnchor) { self.init(authority: anchor.authority, keys: anchor.keys) }
    }

    /// What one side's members may send to the other side's members.
    public struct Exchange: Sendable, Codable, Hashable {
        /// The sending side's authority.
        public var from: String
        /// The sending members (ids in the `from` authority's membership).
        public var fromMembers: [String]
        /// The receiving side's authority.
        public var to: String
        /// The receiving members (ids in the `to` authority's membership).
        public var toMembers: [String]
        /// Event kinds whose content crosses, e.g. `finding` (never `"*"`).
        public var kinds: [String]
        /// Categories of categorised kinds whose content crosses, e.g. `food-safety`.
        public var categories: [String]

        /// Creates an exchange.
        public init(
            from: String, fromMembers: [String], to: String, toMembers: [String], kinds: [String],
            categories: [String] = []
        ) {
            self.from = from
            self.fromMembers = fromMembers
            self.to = to
            self.toMembers = toMembers
            self.kinds = kinds
            self.categories = categories
        }

        /// The rights a receiver gets from this exchange.
        public var rights: DataRights { DataRights(kinds: kinds, categories: categories) }
    }

    /// The agreement's id, `[a-z0-9-]{1,32}`.
    public var id: String
    /// Increases with every issue.
    public var version: Int
    /// When it was issued.
    public var issuedAt: Date
    /// After this instant it is no longer valid.
    public var expiresAt: Date
    /// The two authorities.
    public var parties: [Party]
    /// What crosses, direction by direction.
    public var exchanges: [Exchange]

    /// Creates an agreement; instants are kept to the second, as they are signed.
    public init(
        id: String, version: Int, issuedAt: Date, expiresAt: Date, parties: [Party], exchanges: [Exchange]
    ) {
        self.id = id
        self.version = version
        self.issuedAt = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        self.expiresAt = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded(.down))
        self.parties = parties
        self.exchanges = exchanges
    }

    /// The party of `authority`.
    public func party(_ authority: String) -> Party? { parties.first { $0.authority == authority } }

    /// Decodes and validates a body (JSON, ISO 8601 instants).
    public static func decode(_ json: [UInt8]) throws -> FederationAgreement {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let agreement: FederationAgreement
        do {
            agreement = try decoder.decode(FederationAgreement.self, from: Data(json))
        } catch {
            throw BusError(.invalidAgreement, "the agreement body is not valid JSON of an agreement: \(error)")
        }
        try agreement.validate()
        return agreement
    }

    /// The body as JSON (sorted keys, ISO 8601 instants).
    public func encoded(pretty: Bool = false) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// Checks the structure, throwing ``BusError`` `.invalidAgreement` naming the first problem.
    public func validate() throws {
        guard Membership.isValidDepartmentID(id) else {
            throw BusError(.invalidAgreement, "agreement id \"\(id)\" must match [a-z0-9-]{1,32}")
        }
        guard version > 0 else { throw BusError(.invalidAgreement, "version must be positive, got \(version)") }
        guard expiresAt > issuedAt else { throw BusError(.invalidAgreement, "expiresAt must come after issuedAt") }
        guard parties.count == 2, parties[0].authority != parties[1].authority else {
            throw BusError(.invalidAgreement, "an agreement names exactly two different authorities in parties")
        }
        for party in parties where party.keys.isEmpty {
            throw BusError(.invalidAgreement, "party \(party.authority) lists no anchor key")
        }
        let authorities = Set(parties.map(\.authority))
        guard !exchanges.isEmpty else { throw BusError(.invalidAgreement, "the agreement allows no exchange") }
        for (index, exchange) in exchanges.enumerated() {
            guard authorities.contains(exchange.from), authorities.contains(exchange.to), exchange.from != exchange.to
            else {
                throw BusError(
                    .invalidAgreement, "exchange \(index) must go from one party's authority to the other's")
            }
            guard !exchange.fromMembers.isEmpty, !exchange.toMembers.isEmpty,
                (exchange.fromMembers + exchange.toMembers).allSatisfy(Membership.isValidDepartmentID)
            else {
                throw BusError(
                    .invalidAgreement, "exchange \(index) must name member ids on both sides ([a-z0-9-]{1,32})")
            }
            guard !exchange.kinds.isEmpty, !exchange.kinds.contains("*"), !exchange.categories.contains("*") else {
                throw BusError(
                    .invalidAgreement, "exchange \(index) must name its kinds and categories (no \"*\" across regions)")
            }
        }
    }

    /// Whether the agreement is valid at `date`: from `issuedAt` (less the membership's clock
    /// tolerance) until `expiresAt`.
    public func isValid(at date: Date) -> Bool {
        date >= issuedAt.addingTimeInterval(-Membership.clockTolerance) && date < expiresAt
    }
}
