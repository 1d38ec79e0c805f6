import Foundation
import Testing

@testable import Supervision

@Suite struct DataTests {
    @Test func bundledCatalogHasTheFiveScenarios() throws {
        let catalog = Fixtures.catalog
        let joint = catalog.scenarios.filter(\.isJoint)
        #expect(
            joint.map(\.id) == [
                "escape-rooms", "off-campus-training", "prepaid-cards", "elderly-care", "entertainment-venues",
            ])
        #expect(catalog.version == "2026.1")
        for s in catalog.scenarios {
            #expect(s.version >= 1)
            for id in s.items { #expect(catalog.item(id)?.scenarios.contains(s.id) == true) }
        }
        #expect(catalog.scenario("escape-rooms")?.lead == .culture)
        #expect(catalog.scenario("off-campus-training")?.lead == .education)
        #expect(catalog.scenario("elderly-care")?.lead == .market)
        #expect(catalog.scenario("entertainment-venues")?.minimumCoverage == [.fire: 25, .market: 50])
        #expect(catalog.scenario("prepaid-cards")?.lead(for: "fitness") == .sports)
        #expect(catalog.items.allSatisfy { !$0.legalBasis.isEmpty && $0.version >= 1 })
    }

    @Test func checklistsPerDepartmentAndIndustry() {
        let catalog = Fixtures.catalog
        let fire = catalog.checklist(for: .fire, industry: "escape-room")
        #expect(fire.contains("fire.emergency-unlocking"))
        #expect(fire == fire.sorted())
        #expect(catalog.checklist(for: .education, industry: "training").contains("fire.evacuation-routes"))
        #expect(
            catalog.checklist(for: .market, industry: "restaurant") == [
                "market.business-licence", "market.price-display",
            ])
        #expect(catalog.checklist(for: .police, industry: "hotel") == ["police.security-register"])
    }

    @Test func catalogValidation() throws {
        let item = ChecklistItem(id: "x.one", owner: .market, title: "One", legalBasis: "law", category: "price")
        let scenario = Scenario(
            id: "s", title: "S", industries: ["retail"], lead: .market, participants: [], items: ["x.two"])
        #expect { try ScenarioCatalog(scenarios: [scenario], items: [item]) } throws: {
            ($0 as? SupervisionError)?.code == .unknownItem
        }
        #expect { try ScenarioCatalog(scenarios: [], items: [item, item]) } throws: {
            ($0 as? SupervisionError)?.code == .duplicate
        }
        #expect {
            try DataFiles.catalog(
                version: "t", items: Data(#"{"version":"1","items":[{"id":"bad id","owner":"market"}]}"#.utf8),
                scenarios: [])
        } throws: { error in
            guard let e = error as? SupervisionError else { return false }
            return e.code == .invalidResource && e.message.contains("items")
        }
    }

    @Test func generatorMakesValidDeterministicRegisters() throws {
        let config = try GeneratorConfiguration(entities: 3_000, seed: 99, departments: CityProfile.allDepartments)
        let a = try RegisterGenerator.generate(config)
        let b = try RegisterGenerator.generate(config)
        #expect(a.register.codes == b.register.codes)
        #expect(a.inspectors == b.inspectors)
        #expect(a.register.count == 3_000)
        #expect(a.register.codes == a.register.codes.sorted())
        #expect(Set(a.register.codes).count == 3_000)
        for p in stride(from: 0, to: 3_000, by: 7) {
            let e = a.register[p]
            #expect(try CreditCode(e.code.description) == e.code)
            #expect(CityProfile.districts.first { $0.id == e.district }?.divisionCode == e.code.divisionCode)
            #expect(e.name.hasSuffix("有限公司") || e.name.hasSuffix("店"))
            #expect(e.address.hasPrefix("上海市"))
            #expect(e.riskClasses[.market] != nil || e.industry == "training")
        }
        #expect(Set(a.register.indices.map { a.register.district(at: $0) }).count == 16)
        #expect(Set(a.inspectors.map(\.department)) == Set(CityProfile.allDepartments))
        #expect(a.register.departments == CityProfile.allDepartments.sorted())
        let other = try RegisterGenerator.generate(GeneratorConfiguration(entities: 3_000, seed: 100))
        #expect(other.register.codes != a.register.codes)
        #expect { try GeneratorConfiguration(entities: 10) } throws: {
            ($0 as? SupervisionError)?.code == .invalidParameter
        }
    }

    @Test func registerFromEntitiesRoundTrips() throws {
        let entities = Fixtures.goldenEntities
        let register = try Register(entities: entities.shuffled())
        #expect(Array(register) == entities.sorted { $0.code < $1.code })
        #expect(register.entity(entities[3].code) == entities[3])
        #expect(register.supervisedCount(by: .fire) == 12)
        #expect { try Register(entities: [entities[0], entities[0]]) } throws: {
            ($0 as? SupervisionError)?.code == .duplicate
        }
    }
}

@Suite struct IdentifierTests {
    @Test func validationAndCoding() throws {
        #expect(DepartmentID(rawValue: "fire") == .fire)
        #expect(DepartmentID(rawValue: "fire safety") == nil)
        #expect(DepartmentID(rawValue: "") == nil)
        let chinese = "消防"  // a variable: `DepartmentID("…")` with a literal is a literal coercion
        #expect { try DepartmentID(chinese) } throws: { ($0 as? SupervisionError)?.code == .invalidIdentifier }
        #expect(try JSONCoding.encode(DepartmentID.fire) == "\"fire\"")
        #expect(try JSONCoding.encode([DepartmentID.fire: 25]) == #"{"fire":25}"#)
        #expect(throws: DecodingError.self) { try JSONCoding.decode(DepartmentID.self, "\"a b\"") }
        #expect(IntentID(department: .fire, sequence: 2) < IntentID(department: .market, sequence: 1))
    }
}
