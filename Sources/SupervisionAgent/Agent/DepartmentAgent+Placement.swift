import Supervision
import SupervisionBus

/// Where agents stand: every member's (kind, jurisdiction) from the membership in force, as the
/// domain's ``Placements``. Scenarios, checklist owners, inspector draws, referral routes and
/// no-penalty rules are by department kind; logs, plans and referrals name agent ids.
extension DepartmentAgent {
    /// Every member's placement, from the membership in force (none: this agent alone, a city
    /// department named after its kind, and every other agent read the same way).
    var placements: Placements {
        guard let membership = node.membershipInForce else { return Placements([placement]) }
        return Self.placements(membership)
    }

    /// The placements of `membership`'s members (an entry whose kind or jurisdiction the domain
    /// cannot read is left out, and read as a city department named after its id).
    static func placements(_ membership: Membership) -> Placements {
        Placements(membership.departments.compactMap { try? placement(of: $0) })
    }

    /// The domain's placement of one membership entry.
    static func placement(of member: Membership.Member) throws -> Placement {
        Placement(
            agent: try DepartmentID(member.id), kind: try DepartmentID(member.departmentKind),
            area: try Area(member.jurisdiction.description))
    }

    /// This agent's placement: its membership entry, else a city department named after its id.
    static func ownPlacement(_ node: any DepartmentNode) throws -> Placement {
        let id = try DepartmentID(node.configuration.department)
        guard let member = node.membershipInForce?.departments.first(where: { $0.id == id.rawValue }) else {
            return Placement(cityDepartment: id)
        }
        return try placement(of: member)
    }

    /// This agent's department kind.
    var kind: DepartmentID { placement.kind }

    /// The area of `entity`: its district (entities are placed at district level).
    static func area(of entity: SupervisedEntity) -> Area {
        (try? Area(entity.district.rawValue)) ?? .city
    }

    /// The placements composition reads: the membership's, with every intent origin it does not
    /// list read as a city department named after its kind (a bus without a membership).
    func compositionPlacements(origins: Set<String>) -> Placements {
        let listed = placements
        let unlisted = origins.compactMap { try? DepartmentID($0) }.filter { listed.placement(of: $0) == nil }
        return Placements(listed.all + unlisted.map { Placement(cityDepartment: $0) })
    }
}
