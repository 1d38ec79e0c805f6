/// A directed draw (定向抽查): only entities of the given industries and/or districts are
/// candidates. An empty set means no restriction on that attribute.
public struct DrawDirection: Hashable, Sendable, Codable {
    /// Allowed industries (empty: all).
    public var industries: Set<IndustryID>
    /// Allowed districts (empty: all).
    public var districts: Set<DistrictID>

    /// No restriction.
    public static let undirected = DrawDirection()

    /// Creates a direction.
    public init(industries: Set<IndustryID> = [], districts: Set<DistrictID> = []) {
        self.industries = industries
        self.districts = districts
    }

    /// The canonical text used in the draw tag: `industries=a,b;districts=*` (sorted, `*` for all).
    public var tag: String {
        func list<T: Identifier>(_ set: Set<T>) -> String {
            set.isEmpty ? "*" : set.sorted().map(\.rawValue).joined(separator: ",")
        }
        return "industries=\(list(industries));districts=\(list(districts))"
    }
}
