import Foundation
import Testing

@testable import SupervisionBus

@Suite("Topology: who holds whose log on a bus of three levels")
struct TopologyTests {
    /// A city with two departments, two districts with a market and a fire bureau each, and a
    /// sub-district team in one of them.
    static func city(cityRights: DataRights = .everything) throws -> Membership {
        let placements: [(String, String?, String)] = [
            ("market", nil, ""), ("culture", nil, ""),
            ("pudong-market", "market", "pudong"), ("pudong-fire", "fire", "pudong"),
            ("minhang-market", "market", "minhang"), ("minhang-fire", "fire", "minhang"),
            ("lujiazui-team", "market", "pudong/lujiazui"),
        ]
        let members = placements.enumerated().map { index, placement in
            Membership.Member(
                id: placement.0, busEndpoint: "tcp://127.0.0.1:\(7100 + index)",
                curveKey: String(repeating: "\(index)", count: 40),
                signingKeys: ["0": Data(repeating: UInt8(index), count: 32).base64EncodedString()],
                receives: placement.2.isEmpty ? cityRights : .everything, kind: placement.1,
                jurisdiction: Jurisdiction(placement.2)!)
        }
        return Membership(
            version: 1, issuedAt: Date(timeIntervalSince1970: 0), expiresAt: Date(timeIntervalSince1970: 86400),
            departments: members)
    }

    @Test("a jurisdiction parses, knows its level, lineage and what it contains; bad ones are refused")
    func jurisdictions() throws {
        let lujiazui = try #require(Jurisdiction("pudong/lujiazui"))
        #expect(lujiazui.level == .subdistrict)
        #expect(lujiazui.lineage.map(\.description) == ["pudong/lujiazui", "pudong", ""])
        #expect(Jurisdiction("pudong")!.contains(lujiazui))
        #expect(!lujiazui.contains(Jurisdiction("pudong")!))
        #expect(Jurisdiction.city.contains(lujiazui))
        #expect(!Jurisdiction("minhang")!.contains(lujiazui))
        #expect(Jurisdiction("pudong/") == nil)
        #expect(Jurisdiction("a/b/c") == nil)
        #expect(Jurisdiction("Pudong") == nil)
    }

    @Test("members hold their own jurisdiction, the levels above and what their rights cover; peers either way")
    func scopes() throws {
        let topology = try Self.city().topology
        #expect(
            topology.scope(of: "pudong-market") == [
                "culture", "lujiazui-team", "market", "pudong-fire", "pudong-market",
            ])
        #expect(
            topology.scope(of: "lujiazui-team") == [
                "culture", "lujiazui-team", "market", "pudong-fire", "pudong-market",
            ])
        #expect(topology.scope(of: "market").count == 7, "the city holds its whole jurisdiction")
        #expect(!topology.holds("minhang-fire", origin: "pudong-fire"))
        #expect(topology.peers(of: "minhang-fire") == ["culture", "market", "minhang-market"])
        #expect(topology.isHeldByAll("culture"))
        #expect(!topology.isHeldByAll("pudong-market"))
        #expect(!topology.mayReceive("minhang-fire", origin: "pudong-fire", kind: "membership") { nil })
        #expect(topology.mayReceive("pudong-fire", origin: "pudong-market", kind: "membership") { nil })
    }

    @Test("rights limited by jurisdiction: a city department that covers one district holds only that one")
    func limitedCity() throws {
        let topology = try Self.city(cityRights: DataRights(kinds: ["*"], categories: ["*"], jurisdictions: ["pudong"]))
            .topology
        #expect(topology.scope(of: "market") == ["culture", "lujiazui-team", "market", "pudong-fire", "pudong-market"])
        #expect(topology.peers(of: "market").contains("minhang-fire"), "minhang still holds the city's log")
    }

    @Test("a level that contradicts the jurisdiction, or a bad kind or jurisdiction pattern, is refused")
    func validation() throws {
        var document = try Self.city()
        document.departments[2].level = .city
        #expect(throws: BusError.self) { try document.validate() }
        document = try Self.city()
        document.departments[2].kind = "Market"
        #expect(throws: BusError.self) { try document.validate() }
        let decoded = try Membership.decode(try Self.city().encoded())
        #expect(decoded.member("lujiazui-team")?.jurisdiction.description == "pudong/lujiazui")
        #expect(decoded.member("lujiazui-team")?.departmentKind == "market")
        #expect(decoded.member("culture")?.departmentKind == "culture")
    }
}
