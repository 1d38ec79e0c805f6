import Foundation
import SupervisionBus
import SupervisionBusTesting
import SupervisionProtocol
import Testing

/// Two regions, each with its own authority and membership, federated by a bilateral
/// agreement (JSFA1) between real `supervision-agent` processes on loopback.
@Suite("Two regions across real agents", .serialized)
struct FederationIntegrationTests {
    /// Region A (authority `shanghai`: market, fire) and region B (authority `jiangsu`:
    /// js-market), market and js-market configured with the other region's anchor and
    /// membership and the agreement, at the same relative paths in each region's directory.
    struct Regions {
        static let anchorFile = "foreign/anchor.json"
        static let membershipFile = "foreign/membership.signed.json"
        static let agreementFile = "foreign/agreement.json"
        static let settings: [String: any Sendable] = [
            "foreignAnchorFile": anchorFile, "foreignMembershipFile": membershipFile,
            "agreementFile": agreementFile,
        ]

        let a: AgentCluster
        let b: AgentCluster

        init() throws {
            a = try AgentCluster(["market", "fire"], settings: ["market": Self.settings], authority: "shanghai")
            b = try AgentCluster(["js-market"], settings: ["js-market": Self.settings], authority: "jiangsu")
            try Self.copy(b.bus.anchorFile, to: a, Self.anchorFile)
            try Self.copy(b.bus.membershipFile, to: a, Self.membershipFile)
            try Self.copy(a.bus.anchorFile, to: b, Self.anchorFile)
            try Self.copy(a.bus.membershipFile, to: b, Self.membershipFile)
        }

        /// A.market → B.js-market, kind `test` only, valid from a minute ago for a day.
        func agreement() throws -> SignedAgreement {
            let now = Date()
            let body = FederationAgreement(
                id: "sh-js-market", version: 1, issuedAt: now.addingTimeInterval(-60),
                expiresAt: now.addingTimeInterval(86400),
                parties: [
                    .init(try TrustAnchor.load(from: a.bus.anchorFile)),
                    .init(try TrustAnchor.load(from: b.bus.anchorFile)),
                ],
                exchanges: [
                    .init(
                        from: "shanghai", fromMembers: ["market"], to: "jiangsu", toMembers: ["js-market"],
                        kinds: ["test"])
                ])
            return try SignedAgreement(draft: body)
        }

        /// Writes `agreement` where both regions' configurations point.
        func install(_ agreement: SignedAgreement) throws {
            for cluster in [a, b] { try agreement.write(to: path(cluster, Self.agreementFile)) }
        }

        func path(_ cluster: AgentCluster, _ file: String) -> String {
            cluster.directory.appendingPathComponent(file).path
        }

        static func copy(_ source: String, to cluster: AgentCluster, _ file: String) throws {
            let target = cluster.directory.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: source), to: target)
        }

        func shutdown() {
            a.shutdown()
            b.shutdown()
        }
    }

    /// The events of `origin` that `department`'s store holds (the agent stopped).
    static func events(_ cluster: AgentCluster, _ department: String, origin: String) throws -> [EventEnvelope] {
        let store = try EventStore(
            path: cluster.directory.appendingPathComponent("data/\(department)/store.sqlite").path,
            department: department)
        return try store.events(origin: origin, from: 1, through: UInt64(Int64.max))
    }

    @Test(
        "js-market holds market's log with its test payloads; nothing of fire crosses, nothing of js-market reaches fire",
        .timeLimit(.minutes(4)))
    func agreedExchange() async throws {
        let regions = try Regions()
        defer { regions.shutdown() }
        let (a, b) = (regions.a, regions.b)
        let signed = try regions.agreement()
        try regions.install(try signed.signed(with: a.bus.authority).signed(with: b.bus.authority))
        try a.startAll()
        try b.startAll()
        for department in a.departments { try await a.waitReady(department) }
        try await b.waitReady("js-market")

        // fire's events first: market holds them before it appends the events js-market waits for.
        _ = try await a.control("fire", ControlRequest(command: "publish", size: 48, count: 5))
        _ = try await b.control("js-market", ControlRequest(command: "publish", size: 32, count: 4))
        try await a.waitUntil("market holds fire's 5 events") { ($0["market"]?.heads["fire"]?.seq ?? 0) >= 5 }
        _ = try await a.control("market", ControlRequest(command: "publish", size: 64, count: 10))
        let marketHead = try #require(try await a.status("market").heads["market"])
        #expect(marketHead.seq >= 10)
        try await b.waitUntil("js-market holds market's log at market's head") {
            $0["js-market"]?.heads["market"] == marketHead
        }
        try await a.waitUntil("fire holds market's log at market's head") {
            $0["fire"]?.heads["market"] == marketHead
        }

        let atJS = try await b.status("js-market")
        #expect(atJS.heads["fire"] == nil, "js-market holds nothing of fire: \(atJS.heads)")
        #expect(atJS.metrics.rejected == 0, "market sent js-market no payload the agreement does not give it")
        let atFire = try await a.status("fire")
        #expect(atFire.heads["js-market"] == nil, "fire holds nothing of js-market: \(atFire.heads)")
        let atMarket = try await a.status("market")
        #expect(atMarket.heads["js-market"] == nil, "the agreement is one-way: market holds nothing of js-market")

        #expect(b.terminate("js-market") == 0)
        #expect(a.terminate("market") == 0)
        #expect(a.terminate("fire") == 0)
        let own = try Self.events(a, "market", origin: "market")
        let held = try Self.events(b, "js-market", origin: "market")
        #expect(own.count == Int(marketHead.seq) && held.count == own.count)
        #expect(zip(own, held).allSatisfy { $0.computeHash() == $1.computeHash() }, "the same chain")
        let tests = held.filter { $0.kind == .test }
        #expect(tests.count >= 10)
        #expect(tests.allSatisfy { !$0.payload.isEmpty && $0.payloadHashMatches }, "test payloads crossed")
        let others = held.filter { $0.kind != .test }
        #expect(
            others.allSatisfy { $0.isPayloadWithheld },
            "events of other kinds reach js-market withheld: \(others.map(\.kind))")
        #expect(try Self.events(b, "js-market", origin: "fire").isEmpty, "no event of fire stored at js-market")
        #expect(try Self.events(a, "fire", origin: "js-market").isEmpty, "no event of js-market stored at fire")
        #expect(try Self.events(a, "market", origin: "js-market").isEmpty, "no event of js-market stored at market")
    }

    /// A defect in one of market's federation files.
    enum Defect: String, CaseIterable, CustomTestStringConvertible {
        case oneSignature = "an agreement signed by shanghai only"
        case forgedMembership = "a foreign membership signed by a key jiangsu's anchor does not hold"

        var testDescription: String { rawValue }
    }

    @Test(
        "market refuses to start, naming the part, and stores nothing", .timeLimit(.minutes(1)),
        arguments: Defect.allCases)
    func refusal(_ defect: Defect) async throws {
        let regions = try Regions()
        defer { regions.shutdown() }
        let (a, b) = (regions.a, regions.b)
        let signed = try regions.agreement()
        let expected: String
        switch defect {
        case .oneSignature:
            try regions.install(try signed.signed(with: a.bus.authority))
            expected = "is not signed by jiangsu"
        case .forgedMembership:
            try regions.install(try signed.signed(with: a.bus.authority).signed(with: b.bus.authority))
            let impostor = AuthorityKey(authority: "jiangsu", keyID: 0, signingKey: SigningKey())
            try SignedMembership.sign(b.bus.membership, with: impostor).write(
                to: regions.path(a, Regions.membershipFile))
            expected = "foreign membership refused"
        }
        try a.start("market")
        #expect(a.wait("market") == 78, "EX_CONFIG")
        let log = a.log("market")
        #expect(log.contains("cannot start") && log.contains(expected), "\(log)")
        let store = a.directory.appendingPathComponent("data/market/store.sqlite")
        if FileManager.default.fileExists(atPath: store.path) {
            let heads = try EventStore(path: store.path, department: "market").heads()
            #expect(heads.isEmpty, "nothing stored: \(heads)")
        }
    }
}
