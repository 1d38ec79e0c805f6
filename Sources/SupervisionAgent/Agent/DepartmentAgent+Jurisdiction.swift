import Supervision

/// `--jurisdiction` filters of the listing commands: plans led, referrals sent or received, and
/// disclosure rows about entities within an area (what the city level sees of one district).
extension DepartmentAgent {
    /// The area argument `jurisdiction`, or `nil` when not given.
    func jurisdictionFilter(_ args: Arguments) throws -> Area? {
        guard let text = args["jurisdiction"] else { return nil }
        do {
            return try Area(text)
        } catch {
            throw AgentError(
                .invalidArgument,
                "--jurisdiction must be a district (pudong) or district/sub-district (pudong/lujiazui), got \(text)")
        }
    }

    /// Whether agent `id` is placed within `area` (an unlisted agent: at the city).
    func isPlaced(_ id: String, within area: Area) -> Bool {
        guard let agent = try? DepartmentID(id) else { return false }
        return area.contains(placements.area(of: agent))
    }

    /// Plans led by agents within `jurisdiction` (all plans without the argument).
    func plans(_ args: Arguments) throws -> [PlanView] {
        let views = snapshot.planViews
        guard let area = try jurisdictionFilter(args) else { return views }
        return views.filter { isPlaced($0.plan.lead, within: area) }
    }

    /// Whether the entity with credit code `code` lies within `area`, by this agent's register
    /// (an entity the register lacks does not).
    func isEntity(_ code: String, within area: Area, register: Register) -> Bool {
        guard let c = try? CreditCode(code), let entity = register.entity(c) else { return false }
        return area.contains(Self.area(of: entity))
    }
}
