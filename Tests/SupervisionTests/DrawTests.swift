import Testing

@testable import Supervision

@Suite struct DrawTests {
    let period = Fixtures.range("2026-01-01", "2026-12-31")
    let register = try! Register(entities: Fixtures.goldenEntities)

    var roster: [Inspector] {
        let sorted = register.codes
        return [
            Inspector(id: "fire-01", department: .fire),
            Inspector(id: "fire-02", department: .fire, conflicts: [sorted[0]]),
            Inspector(id: "fire-03", department: .fire),
            Inspector(id: "fire-04", department: .fire, lastInspected: [sorted[4]]),
            Inspector(id: "fire-05", department: .fire),
            Inspector(id: "market-01", department: .market),
        ]
    }

    func goldenRequest() throws -> DrawRequest {
        DrawRequest(
            department: .fire, period: period, seed: DrawSeed(text: "golden-2026"),
            rates: try DrawRates(a: 3400, b: 5000, c: 10_000, d: 10_000))
    }

    /// Expected values computed with an independent implementation of the spec in
    /// docs/Supervision.md (Python, hashlib) and checked by hand against the recusals.
    @Test func streamGoldenWords() {
        var s = DrawStream(seed: DrawSeed(text: "golden-2026"), tag: "JS-DRAW-v1|test")
        let words = (0..<5).map { _ in s.nextWord() }
        #expect(
            words == [
                0xa882_b405_5e23_b907, 0x093e_a16c_2e11_c6fe, 0xd503_8db5_151b_a1a4, 0x8664_6dd4_548d_46ba,
                0x8f41_929e_bf8f_f415,
            ])
        var u = DrawStream(seed: DrawSeed(text: "golden-2026"), tag: "JS-DRAW-v1|test")
        #expect((0..<8).map { _ in u.uniform(below: 10) } == [9, 0, 6, 6, 1, 7, 2, 1])
    }

    @Test func targetsGoldenVector() throws {
        let result = try RandomDraw.draw(goldenRequest(), register: register, roster: roster)
        let got = result.targets.map {
            "\($0.riskClass.rawValue),\($0.rank),\($0.entity),\($0.inspectors.map(\.rawValue).joined(separator: ";"))"
        }
        #expect(
            got == [
                "D,0,91310115MA1K40042C,fire-05;fire-04",
                "D,1,91310115MA1K40005H,fire-05;fire-01",
                "C,0,91310115MA1K400795,fire-03;fire-05",
                "C,1,91310115MA1K40116B,fire-01;fire-02",
                "B,0,91310115MA1K402640,fire-01;fire-04",
                "B,1,91310115MA1K401536,fire-05;fire-01",
                "B,2,91310115MA1K402275,fire-02;fire-01",
                "A,0,91310115MA1K40375R,fire-01;fire-03",
                "A,1,91310115MA1K404120,fire-01;fire-04",
            ])
        #expect(result.digest == "7f5e5c7fd4cfa9573dcbe01f1ea56ff3cc318df1c0124cf780e2c8a998f9e12c")
        #expect(result.tallies.map(\.drawn) == [2, 2, 3, 2])
        #expect(result.tallies.map(\.candidates) == [2, 2, 5, 3])
    }

    @Test func sameInputsSameResultWhateverTheRosterOrder() throws {
        let a = try RandomDraw.draw(goldenRequest(), register: register, roster: roster)
        let b = try RandomDraw.draw(goldenRequest(), register: register, roster: roster.reversed())
        let c = try RandomDraw.draw(
            goldenRequest(), register: Register(entities: Fixtures.goldenEntities.reversed()), roster: roster)
        #expect(a == b)
        #expect(a == c)
    }

    @Test func anotherSeedOrPeriodDrawsDifferently() throws {
        var request = try goldenRequest()
        let base = try RandomDraw.draw(request, register: register, roster: roster).digest
        request.seed = DrawSeed(text: "golden-2027")
        #expect(try RandomDraw.draw(request, register: register, roster: roster).digest != base)
    }

    @Test func recusalIsRespectedAndInspectorsAreDistinct() throws {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: 5_000, seed: 11, conflictRate: 900))
        let request = DrawRequest(department: .fire, period: period, seed: DrawSeed(text: "recusal"))
        let result = try RandomDraw.draw(request, register: city.register, roster: city.inspectors)
        let byID = Dictionary(uniqueKeysWithValues: city.inspectors.map { ($0.id, $0) })
        #expect(!result.targets.isEmpty)
        for t in result.targets {
            #expect(t.inspectors.count == 2)
            #expect(Set(t.inspectors).count == 2)
            for i in t.inspectors {
                #expect(byID[i]!.department == .fire)
                #expect(!byID[i]!.isRecused(from: t.entity))
            }
        }
    }

    @Test func defaultRatesTakeEveryCAndDAndCeilOfTheRest() throws {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: 20_000, seed: 3))
        let request = DrawRequest(department: .market, period: period, seed: DrawSeed(text: "rates"))
        let result = try RandomDraw.draw(request, register: city.register, roster: city.inspectors)
        for tally in result.tallies {
            let expected = (tally.candidates * DrawRates.default.rate(for: tally.riskClass) + 9_999) / 10_000
            #expect(tally.drawn == expected)
        }
        #expect(result.tallies[0].drawn == result.tallies[0].candidates)
        #expect(result.tallies[1].drawn == result.tallies[1].candidates)
        #expect(Set(result.targets.map(\.entity)).count == result.targets.count)
    }

    @Test func directedDrawOnlyTakesMatchingEntities() throws {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: 20_000, seed: 5))
        let request = DrawRequest(
            department: .fire, period: period, seed: DrawSeed(text: "directed"), rates: try DrawRates(uniform: 2_500),
            direction: DrawDirection(industries: ["ktv", "internet-cafe"], districts: ["pudong"]))
        let result = try RandomDraw.draw(request, register: city.register, roster: city.inspectors)
        #expect(!result.targets.isEmpty)
        for t in result.targets {
            let p = city.register.position(of: t.entity)!
            #expect(["ktv", "internet-cafe"].contains(city.register.industry(at: p)))
            #expect(city.register.district(at: p) == "pudong")
        }
        #expect(request.targetTag(.a).contains("industries=internet-cafe,ktv;districts=pudong"))
    }

    @Test func tooFewEligibleInspectorsLeavesTargetUnstaffed() throws {
        let code = register.codes[0]
        let roster = [
            Inspector(id: "fire-01", department: .fire), Inspector(id: "fire-02", department: .fire, conflicts: [code]),
        ]
        let result = try RandomDraw.draw(goldenRequest(), register: register, roster: roster)
        #expect(result.unstaffed == [code])
        #expect(result.targets.first { $0.entity == code }!.inspectors.isEmpty)
    }

    @Test func errorsAreClear() throws {
        #expect { try RandomDraw.draw(goldenRequest(), register: register, roster: []) } throws: {
            ($0 as? SupervisionError)?.code == .emptyRoster
        }
        var request = try goldenRequest()
        request.department = .education
        #expect { try RandomDraw.draw(request, register: register, roster: roster) } throws: {
            ($0 as? SupervisionError)?.code == .unknownDepartment
        }
        request = try goldenRequest()
        request.inspectorsPerTarget = 1
        #expect { try RandomDraw.draw(request, register: register, roster: roster) } throws: {
            ($0 as? SupervisionError)?.code == .invalidParameter
        }
        request = try goldenRequest()
        request.requiredQualifications = ["fire-inspection"]
        #expect { try RandomDraw.draw(request, register: register, roster: roster) } throws: {
            ($0 as? SupervisionError)?.code == .emptyRoster
        }
        #expect { try DrawRates(a: 10_001, b: 0, c: 0, d: 0) } throws: {
            ($0 as? SupervisionError)?.code == .invalidParameter
        }
        #expect { try DrawSeed(hex: "abc") } throws: { ($0 as? SupervisionError)?.code == .invalidParameter }
    }

    @Test func riskUpdateChangesTheNextDraw() throws {
        let request = DrawRequest(
            department: .fire, period: period, seed: DrawSeed(text: "next"),
            rates: try DrawRates(a: 0, b: 0, c: 10_000, d: 10_000))
        let before = try RandomDraw.draw(request, register: register, roster: roster)
        let aEntity = register.codes[11]  // class A
        #expect(!before.targets.contains { $0.entity == aEntity })
        let outcome = InspectionOutcome(
            entity: aEntity, department: .fire, date: Fixtures.date("2026-03-02"), result: .serious)
        let changes = try RiskPolicy.default.changes(for: [outcome], in: register)
        #expect(changes == [RiskChange(entity: aEntity, department: .fire, from: .a, to: .d, cause: .serious)])
        let after = try RandomDraw.draw(request, register: register.applying(changes), roster: roster)
        #expect(after.targets.contains { $0.entity == aEntity && $0.riskClass == .d })
    }
}
