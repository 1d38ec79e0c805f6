import Foundation

/// A second region this agent federates with: the foreign authority's anchor, the foreign
/// membership (verified with that anchor) and the bilateral agreement (signed by both
/// authorities), all verified together.
public struct Federation: Sendable, Hashable {
    /// The foreign configuration authority's keys.
    public var foreignAnchor: TrustAnchor
    /// The foreign membership, verified with ``foreignAnchor``.
    public var foreignMembership: Membership
    /// The agreement, verified with both anchors.
    public var agreement: FederationAgreement
    /// The local authority's id.
    public var localAuthority: String

    /// Verifies the parts: `foreignMembership` with `foreignAnchor`, `agreement` with both
    /// anchors, each valid at `now`. Throws ``BusError`` `.invalidAgreement` naming the part.
    public init(
        localAnchor: TrustAnchor, foreignAnchor: TrustAnchor, foreignMembership: SignedMembership,
        agreement: SignedAgreement, now: Date = Date()
    ) throws {
        guard foreignAnchor.authority != localAnchor.authority else {
            throw BusError(
                .invalidAgreement, "the foreign anchor is this region's own authority \(localAnchor.authority)")
        }
        do {
            self.foreignMembership = try foreignMembership.verify(anchor: foreignAnchor, now: now)
        } catch let error as BusError {
            throw BusError(.invalidAgreement, "foreign membership refused: \(error.message)")
        }
        self.agreement = try agreement.verify(local: localAnchor, foreign: foreignAnchor, now: now)
        self.foreignAnchor = foreignAnchor
        self.localAuthority = localAnchor.authority
        for exchange in self.agreement.exchanges {
            let foreignSide = exchange.from == foreignAnchor.authority ? exchange.fromMembers : exchange.toMembers
            for id in foreignSide where self.foreignMembership.member(id) == nil {
                throw BusError(
                    .invalidAgreement,
                    "agreement \(self.agreement.id) names \(id) of \(foreignAnchor.authority), which its membership version \(self.foreignMembership.version) does not list"
                )
            }
        }
    }

    /// Loads and verifies the three files (see ``init(localAnchor:foreignAnchor:foreignMembership:agreement:now:)``).
    public static func load(
        localAnchor: TrustAnchor, foreignAnchorFile: String, foreignMembershipFile: String, agreementFile: String,
        now: Date = Date()
    ) throws -> Federation {
        let anchor: TrustAnchor
        do {
            anchor = try TrustAnchor.load(from: foreignAnchorFile)
        } catch let error as BusError {
            throw BusError(.invalidAgreement, "foreign anchor: \(error.message)")
        }
        let membership: SignedMembership
        do {
            membership = try SignedMembership.load(from: foreignMembershipFile)
        } catch let error as BusError {
            throw BusError(.invalidAgreement, "foreign \(error.message)")
        }
        return try Federation(
            localAnchor: localAnchor, foreignAnchor: anchor, foreignMembership: membership,
            agreement: try SignedAgreement.load(from: agreementFile), now: now)
    }

    /// Whether the agreement and the foreign membership are both valid at `date`.
    public func isValid(at date: Date) -> Bool {
        agreement.isValid(at: date) && foreignMembership.isValid(at: date)
    }

    /// The membership this agent runs with: `local` plus the foreign members the agreement
    /// names (their keys and endpoints from the foreign membership), with the
    /// ``FederationBoundary`` that limits what crosses. Throws ``BusError`` `.invalidAgreement`
    /// when the agreement names a local member `local` does not list or a foreign id clashes
    /// with a local one.
    public func apply(to local: Membership) throws -> Membership {
        var foreign: Set<String> = []
        var routes: [String: [String: DataRights]] = [:]
        for exchange in agreement.exchanges {
            let outbound = exchange.from == localAuthority
            let (localIDs, foreignIDs) =
                outbound ? (exchange.fromMembers, exchange.toMembers) : (exchange.toMembers, exchange.fromMembers)
            for id in localIDs where local.member(id) == nil {
                throw BusError(
                    .invalidAgreement,
                    "agreement \(agreement.id) names \(id) of \(localAuthority), which membership version \(local.version) does not list"
                )
            }
            for id in foreignIDs where local.member(id) != nil {
                throw BusError(
                    .invalidAgreement,
                    "foreign member \(id) has the id of a member of \(localAuthority): ids must differ across the federation"
                )
            }
            foreign.formUnion(foreignIDs)
            for origin in exchange.fromMembers {
                for receiver in exchange.toMembers {
                    var rights = routes[origin]?[receiver] ?? DataRights()
                    rights.kinds = Array(Set(rights.kinds).union(exchange.kinds)).sorted()
                    rights.categories = Array(Set(rights.categories).union(exchange.categories)).sorted()
                    routes[origin, default: [:]][receiver] = rights
                }
            }
        }
        var federated = local
        for id in foreign.sorted() {
            guard var member = foreignMembership.member(id) else { continue }
            member.receives = DataRights()
            member.jurisdiction = .city
            member.level = nil
            federated.departments.append(member)
        }
        federated.boundary = FederationBoundary(foreignMembers: foreign, routes: routes)
        try federated.validate()
        return federated
    }
}
