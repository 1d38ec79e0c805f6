import Testing

@testable import Supervision

@Suite struct SnapshotTests {
    let register = try! Register(entities: Fixtures.goldenEntities)

    @Test func registerSnapshotIsCanonicalAndRoundTrips() throws {
        let snapshot = RegisterSnapshot(register: register, department: .fire)
        let text = String(decoding: snapshot.canonicalBytes, as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "JS-REGISTER-SNAPSHOT-v1")
        #expect(lines.dropFirst().first == "department=fire")
        #expect(lines.count == 2 + register.supervisedCount(by: .fire))
        #expect(text.hasSuffix("\n"))
        #expect(snapshot.hash == Digest.sha256Hex(snapshot.canonicalBytes))
        let parsed = try RegisterSnapshot(canonicalBytes: snapshot.canonicalBytes)
        #expect(parsed == snapshot)
        // The order of the entities given does not matter; names and addresses are not hashed.
        var renamed = Fixtures.goldenEntities.reversed().map { $0 }
        renamed[0].name = "another name"
        #expect(RegisterSnapshot(register: try Register(entities: renamed), department: .fire).hash == snapshot.hash)
        // A risk class that changes does.
        var rerated = Fixtures.goldenEntities
        rerated[0].riskClasses[.fire] = rerated[0].riskClasses[.fire] == .a ? .b : .a
        #expect(RegisterSnapshot(register: try Register(entities: rerated), department: .fire).hash != snapshot.hash)
    }

    @Test func registerSnapshotVector() {
        let entities = [
            SupervisedEntity(
                code: Fixtures.code("91310115MA1K40005"), name: "n", industry: "ktv", district: "pudong", address: "a",
                riskClasses: [.fire: .d, .market: .a]),
            SupervisedEntity(
                code: Fixtures.code("91310115MA1K40001"), name: "n", industry: "escape-room", district: "huangpu",
                address: "",
                riskClasses: [.market: .b]),
        ]
        let snapshot = RegisterSnapshot(register: try! Register(entities: entities), department: .fire)
        #expect(
            String(decoding: snapshot.canonicalBytes, as: UTF8.self)
                == "JS-REGISTER-SNAPSHOT-v1\ndepartment=fire\n\(entities[0].code),ktv,pudong,D\n")
    }

    @Test func snapshotsRejectAnythingNotCanonical() throws {
        let good = RegisterSnapshot(register: register, department: .fire).canonicalBytes
        #expect(throws: SupervisionError.self) { try RegisterSnapshot(canonicalBytes: Array(good.dropLast())) }
        #expect(throws: SupervisionError.self) { try RegisterSnapshot(canonicalBytes: Array("hello\n".utf8)) }
        var lines = String(decoding: good, as: UTF8.self).split(separator: "\n").map(String.init)
        lines.swapAt(2, 3)
        #expect(throws: SupervisionError.self) {
            try RegisterSnapshot(canonicalBytes: Array((lines.joined(separator: "\n") + "\n").utf8))
        }
        let roster = "JS-ROSTER-SNAPSHOT-v1\ndepartment=fire\nfire-02,,,\nfire-01,,,\n"
        #expect(throws: SupervisionError.self) { try RosterSnapshot(canonicalBytes: Array(roster.utf8)) }
    }

    @Test func rosterSnapshotVectorAndRoundTrip() throws {
        let a = Fixtures.code("91310115MA1K40005")
        let b = Fixtures.code("91310115MA1K40001")
        let snapshot = try RosterSnapshot(
            department: .fire,
            roster: [
                Inspector(id: "fire-02", department: .fire, conflicts: [a, b], lastInspected: [a]),
                Inspector(id: "fire-01", department: .fire, qualifications: ["law-enforcement", "fire-inspection"]),
                Inspector(id: "market-01", department: .market),
            ])
        let (first, second) = b < a ? (b, a) : (a, b)
        #expect(
            String(decoding: snapshot.canonicalBytes, as: UTF8.self)
                == "JS-ROSTER-SNAPSHOT-v1\ndepartment=fire\nfire-01,fire-inspection;law-enforcement,,\nfire-02,,\(first);\(second),\(a)\n"
        )
        #expect(try RosterSnapshot(canonicalBytes: snapshot.canonicalBytes) == snapshot)
        #expect(try snapshot.rotating([b: ["fire-01"]]).hash != snapshot.hash)
        #expect(try snapshot.rotating([:]).hash == snapshot.hash)
    }

    /// The draw from a register snapshot is the draw from the full register it was taken of.
    @Test func drawFromTheSnapshotEqualsTheDrawFromTheRegister() throws {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: 3_000, seed: 5, conflictRate: 500))
        for department in [DepartmentID.fire, .market, .culture] {
            let request = DrawRequest(
                department: department, period: Fixtures.range("2026-07-01", "2026-09-30"),
                seed: DrawSeed(text: "s"))
            let roster = try RosterSnapshot(department: department, roster: city.inspectors)
            let full = try RandomDraw.draw(request, register: city.register, roster: city.inspectors)
            let snapshot = RegisterSnapshot(register: city.register, department: department)
            let again = try RandomDraw.draw(
                request, register: try RegisterSnapshot(canonicalBytes: snapshot.canonicalBytes).register(),
                roster: try RosterSnapshot(canonicalBytes: roster.canonicalBytes).inspectors)
            #expect(full.digest == again.digest)
        }
    }
}
