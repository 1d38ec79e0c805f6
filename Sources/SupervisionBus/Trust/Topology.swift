/// Who holds whose log on a bus of several levels of government, and so who connects to
/// whom: replication by scope (Protocols/spec/1-JSB.md, "Scope").
///
/// A member holds the logs of the members at or above its own jurisdiction (its own
/// jurisdiction's, the district's above a sub-district, the city's) and of the members
/// within the jurisdictions its rights cover (``DataRights/jurisdictions``; by default its own
/// jurisdiction and those below it). Two members are peers, connected and exchanging
/// announcements, when either holds the other's log. On a bus where every member is at city
/// level (no jurisdictions), every member holds every log: the flat bus.
public struct Topology: Sendable {
    private let members: [String: Membership.Member]
    /// Per member, the jurisdictions its rights name (`nil`: its own and below; `[.city]` for `"*"`).
    private let covered: [String: [Jurisdiction]]
    /// What crosses to and from a federated region (``Federation``), if any.
    public let boundary: FederationBoundary?

    /// The topology of `membership`.
    public init(_ membership: Membership) {
        var members: [String: Membership.Member] = [:]
        var covered: [String: [Jurisdiction]] = [:]
        for member in membership.departments {
            members[member.id] = member
            if let patterns = member.receives.jurisdictions {
                covered[member.id] = patterns.compactMap { $0 == "*" ? .city : Jurisdiction($0) }
            } else {
                covered[member.id] = [member.jurisdiction]
            }
        }
        self.members = members
        self.covered = covered
        self.boundary = membership.boundary
    }

    /// The member with `id`.
    public func member(_ id: String) -> Membership.Member? { members[id] }

    /// Every member's id, sorted.
    public var memberIDs: [String] { members.keys.sorted() }

    /// Whether `agent` holds (stores and may be sent) the log of `origin`. The log of an origin
    /// no longer listed (a department that left) stays held by every member, as history.
    public func holds(_ agent: String, origin: String) -> Bool {
        if agent == origin { return true }
        if let boundary, boundary.isForeign(agent) || boundary.isForeign(origin) {
            // Across the border only the pairs the agreement names; two foreign members are
            // their own region's business.
            return boundary.crosses(agent, origin) && boundary.rights(of: agent, over: origin) != nil
        }
        guard let holder = members[agent] else { return false }
        guard let owner = members[origin] else { return true }
        if owner.jurisdiction.contains(holder.jurisdiction) { return true }
        return covered[agent]?.contains { $0.contains(owner.jurisdiction) } ?? false
    }

    /// The origins whose logs `agent` holds, itself included, sorted.
    public func scope(of agent: String) -> [String] {
        members.keys.filter { holds(agent, origin: $0) }.sorted()
    }

    /// The members `agent` connects to: those whose log it holds or that hold its log.
    public func peers(of agent: String) -> [String] {
        members.keys.filter { $0 != agent && (holds(agent, origin: $0) || holds($0, origin: agent)) }.sorted()
    }

    /// Whether every member of this region holds `origin`'s log: its events reach the whole
    /// bus (foreign members do not count).
    public func isHeldByAll(_ origin: String) -> Bool {
        members.keys.allSatisfy { boundary?.isForeign($0) == true || holds($0, origin: origin) }
    }

    /// Whether `department` may receive the payload of an event of `origin` and `kind` whose
    /// content falls in `category()` (see ``Membership/mayReceive(_:origin:kind:category:)``).
    public func mayReceive(_ department: String, origin: String, kind: String, category: () -> String?) -> Bool {
        if department == origin { return true }
        if let boundary, boundary.crosses(department, origin) {
            // Across the border only what the agreement names, authority documents included.
            guard let rights = boundary.rights(of: department, over: origin) else { return false }
            return rights.allows(kind: kind, category: category())
        }
        guard holds(department, origin: origin), let rights = members[department]?.receives else { return false }
        if Membership.publicKinds.contains(kind) { return true }
        guard rights.kinds.contains("*") || rights.kinds.contains(kind) else { return false }
        return rights.categories.contains("*") || rights.allows(kind: kind, category: category())
    }
}
