import Foundation
import Supervision
import SupervisionBus
import Testing

@testable import SupervisionAgent

@Suite("Agent placements: (kind, jurisdiction) from the membership, registers by jurisdiction")
struct AgentPlacementTests {
    static func member(_ id: String, kind: String? = nil, jurisdiction: String = "") -> Membership.Member {
        Membership.Member(
            id: id, busEndpoint: "tcp://127.0.0.1:1", curveKey: "", signingKeys: [:], kind: kind,
            jurisdiction: Jurisdiction(jurisdiction)!)
    }

    @Test("every member is placed by its entry's kind and jurisdiction; an entry without kind is its id")
    func fromMembership() throws {
        let membership = Membership(
            version: 1, issuedAt: Date(), expiresAt: Date().addingTimeInterval(86400),
            departments: [
                Self.member("education"), Self.member("pudong-market", kind: "market", jurisdiction: "pudong"),
                Self.member("lujiazui-market", kind: "market", jurisdiction: "pudong/lujiazui"),
            ])
        let placements = DepartmentAgent.placements(membership)
        #expect(placements.placement(of: "education") == Placement(cityDepartment: .education))
        #expect(placements.placement(of: "pudong-market")?.kind == .market)
        #expect(placements.area(of: "pudong-market") == (try Area("pudong")))
        #expect(placements.area(of: "lujiazui-market").level == .subdistrict)
        #expect(placements.referralRecipient(kind: .education, entityArea: try Area("pudong")) == "education")
    }

    @Test("a district bureau's sample data: its district's entities, inspectors of its own")
    func districtData() throws {
        let pudong = try Area("pudong")
        let data = try DepartmentData.generated(
            for: .market, agent: "pudong-market", area: pudong, entities: 2000, seed: 7)
        let city = try DepartmentData.generated(for: .market, entities: 2000, seed: 7)
        #expect(!data.entities.isEmpty && data.entities.allSatisfy { $0.district == "pudong" })
        #expect(data.entities.count == city.entities.filter { $0.district == "pudong" }.count)
        #expect(data.inspectors.count == city.inspectors.count)
        #expect(data.inspectors.allSatisfy { $0.id.rawValue.hasPrefix("pudong-market-") && $0.department == .market })
        #expect(try data.register().count == data.entities.count)
    }

    @Test("an imported register row outside the jurisdiction, or of an unknown district, is refused")
    func importScope() throws {
        let data = try DepartmentData.generated(
            for: .market, agent: "pudong-market", area: try Area("pudong"), entities: 300, seed: 7)
        let code = try CreditCode(body: [9, 1, 3, 1, 0, 1, 1, 2, 0, 0, 0, 0, 7, 7, 0, 0, 1]).description
        let csv = """
            credit_code,name,industry,district,address,risk_class
            \(code),A,restaurant,minhang,addr,D
            """
        let (_, outside) = try data.importing(kind: "register", format: "csv", text: csv)
        #expect(outside.imported == 0)
        #expect(outside.rejected.first?.reason.contains("outside this agent's jurisdiction (pudong)") == true)
        let (_, unknown) = try data.importing(
            kind: "register", format: "csv", text: csv.replacingOccurrences(of: "minhang", with: "atlantis"))
        #expect(unknown.rejected.first?.reason.contains("district 'atlantis' is not a district of the city") == true)
        // A sub-district team's entity: `district/sub-district`, held by the district too.
        let (lujiazui, placed) = try data.importing(
            kind: "register", format: "csv", text: csv.replacingOccurrences(of: "minhang", with: "pudong/lujiazui"))
        #expect(placed.rejected.isEmpty)
        let entity = try #require(try lujiazui.register().entity(try CreditCode(code)))
        #expect(DepartmentAgent.area(of: entity) == (try Area("pudong/lujiazui")))
        var team = lujiazui
        team.area = try Area("pudong/zhangjiang")
        #expect(try team.register().entity(try CreditCode(code)) == nil)
    }
}
