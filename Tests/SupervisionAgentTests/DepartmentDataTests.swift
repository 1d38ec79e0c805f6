import Foundation
import Supervision
import SupervisionAgent
import Testing

@Suite("DepartmentData: sample data and imports")
struct DepartmentDataTests {
    @Test("Generated sample data is the same city on every agent")
    func generated() throws {
        let fire = try DepartmentData.generated(for: .fire, entities: 300, seed: 7)
        let market = try DepartmentData.generated(for: .market, entities: 300, seed: 7)
        #expect(fire.entities.map(\.code) == market.entities.map(\.code))
        #expect(fire.inspectors.allSatisfy { $0.department == .fire })
    }

    @Test("A register file with one bad row imports nothing and reports every bad row")
    func rejectsWholeFile() throws {
        let data = try DepartmentData.generated(for: .fire, entities: 300, seed: 7)
        let good = data.entities[0].code.description
        let csv = """
            credit_code,name,industry,district,address,risk_class
            \(good),A,restaurant,pudong,addr,D
            NOT-A-CODE,B,restaurant,pudong,addr,C
            \(good),C,restaurant,pudong,addr,E
            """
        let (after, report) = try data.importing(kind: "register", format: "csv", text: csv)
        #expect(report.imported == 0)
        #expect(report.rejected.map(\.row) == [3, 4])
        #expect(after.entities == data.entities)
    }

    @Test("A valid roster replaces the roster")
    func roster() throws {
        let data = try DepartmentData.generated(for: .fire, entities: 300, seed: 7)
        let json = #"[{"inspector_id":"fire-a","qualifications":"law-enforcement"},{"inspector_id":"fire-b"}]"#
        let (after, report) = try data.importing(kind: "roster", format: "json", text: json)
        #expect(report.rejected.isEmpty)
        #expect(after.inspectors.map(\.id.rawValue) == ["fire-a", "fire-b"])
    }
}
