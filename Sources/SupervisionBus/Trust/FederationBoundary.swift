/// What crosses between this region's members and the members of a federated region, as
/// ``Topology`` applies it: who holds whose log across the border, and the rights of each
/// sender → receiver pair. Built by ``Federation/apply(to:)`` from a verified agreement.
public struct FederationBoundary: Sendable, Hashable {
    /// The ids of the foreign members the agreement names (the only foreign members known).
    public var foreignMembers: Set<String>
    /// Origin → receiver → the rights of the receiver over the origin's events, for pairs on
    /// opposite sides of the border that the agreement names.
    public var routes: [String: [String: DataRights]]

    /// Creates a boundary.
    public init(foreignMembers: Set<String>, routes: [String: [String: DataRights]]) {
        self.foreignMembers = foreignMembers
        self.routes = routes
    }

    /// Whether `id` is a foreign member.
    public func isForeign(_ id: String) -> Bool { foreignMembers.contains(id) }

    /// Whether `agent` and `origin` are on opposite sides of the border.
    public func crosses(_ agent: String, _ origin: String) -> Bool { isForeign(agent) != isForeign(origin) }

    /// The rights of `receiver` over `origin`'s events across the border; `nil`: it does not
    /// hold that log.
    public func rights(of receiver: String, over origin: String) -> DataRights? { routes[origin]?[receiver] }
}
