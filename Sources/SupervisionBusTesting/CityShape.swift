import Foundation
import SupervisionBus

/// A membership shaped like a city's government, for benchmarks, simulations and tests: a few
/// city departments and districts with a bureau of each department kind (市局 + 区局).
///
/// Ids are `city-<kind>` at city level and `<district>-<kind>` in a district's jurisdiction,
/// so the bureaus of one kind share a ``Membership/Member/kind``:
///
/// ```swift
/// let shape = CityShape(cityKinds: ["market"], districts: ["east", "west"], districtKinds: ["market", "fire"])
/// shape.ids        // ["city-market", "east-fire", "east-market", "west-fire", "west-market"]
/// ```
public struct CityShape: Sendable, Hashable {
    /// One member: its id, department kind and jurisdiction.
    public struct Member: Sendable, Hashable {
        /// Its department id.
        public var id: String
        /// Its department kind.
        public var kind: String
        /// Where its authority runs.
        public var jurisdiction: Jurisdiction
    }

    /// Every member, city departments first, then district by district.
    public let members: [Member]

    /// The department kinds the generator names, in order.
    public static let kinds = ["market", "fire", "health", "environment", "transport", "housing", "tax", "labour"]

    /// City departments of `cityKinds` and, in each of `districts`, a bureau of each of
    /// `districtKinds` (at most `limit` members in all, filled in that order).
    public init(cityKinds: [String], districts: [String], districtKinds: [String], limit: Int = .max) {
        var members = cityKinds.map { Member(id: "city-\($0)", kind: $0, jurisdiction: .city) }
        for district in districts {
            let jurisdiction = Jurisdiction(district)!
            members += districtKinds.map { Member(id: "\(district)-\($0)", kind: $0, jurisdiction: jurisdiction) }
        }
        self.members = Array(members.prefix(limit))
    }

    /// `count` members of one flat scope: every one at city level (`a01`, `a02`, …; the id is
    /// the kind).
    public static func flat(_ count: Int) -> CityShape { CityShape(flat: count) }

    /// `count` members shaped like a city: 2 city departments below 9 members, else 4; the
    /// rest in districts `d01`, `d02`, … of up to 6 kinds each (64 gives 4 city departments
    /// and 10 districts × 6).
    public static func city(_ count: Int) -> CityShape {
        let city = count < 9 ? min(2, count) : 4
        let rest = count - city
        let perDistrict = max(1, min(6, rest))
        let districts = (rest + perDistrict - 1) / perDistrict
        return CityShape(
            cityKinds: Array(kinds.prefix(city)),
            districts: (0..<districts).map { "d" + String(format: "%02d", $0 + 1) },
            districtKinds: Array(kinds.prefix(perDistrict)), limit: count)
    }

    private init(flat count: Int) {
        members = (0..<count).map { index in
            let id = "a" + String(format: "%02d", index + 1)
            return Member(id: id, kind: id, jurisdiction: .city)
        }
    }

    /// Every member's id, sorted.
    public var ids: [String] { members.map(\.id).sorted() }

    /// The placements for ``LocalBus/create(in:endpoints:rights:placements:heartbeatMs:insecureTransport:testCommands:configure:)``.
    public var placements: [String: LocalBus.Placement] {
        Dictionary(
            uniqueKeysWithValues: members.map {
                ($0.id, LocalBus.Placement(kind: $0.kind == $0.id ? nil : $0.kind, jurisdiction: $0.jurisdiction))
            })
    }

    /// Membership entries for these members (no keys), for a ``Topology`` without a bus.
    public func membership(version: Int = 1, endpoint: (String) -> String = { "sim://\($0)" }) -> Membership {
        Membership(
            version: version, issuedAt: .init(timeIntervalSince1970: 1_800_000_000),
            expiresAt: .init(timeIntervalSince1970: 1_900_000_000),
            departments: members.map { member in
                Membership.Member(
                    id: member.id, name: member.id, busEndpoint: endpoint(member.id), curveKey: "", signingKeys: [:],
                    receives: .everything, kind: member.kind == member.id ? nil : member.kind,
                    jurisdiction: member.jurisdiction)
            })
    }

    /// The shape's ``Topology``.
    public var topology: Topology { Topology(membership()) }
}
