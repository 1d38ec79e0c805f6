import Foundation
import SupervisionBus
import SupervisionBusTesting
import SupervisionProtocol
import Testing
import ZeroMQ

/// Issue 6 across real agents on loopback: CURVE + ZAP from the signed membership, identities
/// from keys, data rights, membership refresh without restart.
@Suite("Trust: keys, signed membership, authentication, data rights", .serialized)
struct TrustTests {
    /// The first handshake result a DEALER sees when it connects to `target` with `curve`.
    static func handshake(
        _ cluster: AgentCluster, to target: String, as department: String, curve: CurveKeyPair? = nil
    ) async throws -> MonitorEvent.Kind? {
        try await ZMQThread(name: "handshake") {
            var monitor: Monitor?
            let dealer = try cluster.dealer(to: target, as: department, curve: curve) { socket in
                monitor = try socket.startMonitor(events: [
                    .handshakeSucceeded, .handshakeFailedAuth, .handshakeFailedNoDetail, .handshakeFailedProtocol,
                ])
            }
            defer {
                monitor?.close()
                dealer.close()
            }
            try dealer.set(.linger, 0)
            return try monitor?.receive(timeoutMilliseconds: 10_000)?.kind
        }.value
    }

    @Test("a peer with an unknown key cannot connect; a member's key can", .timeLimit(.minutes(2)))
    func unknownKeyRefused() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try await cluster.waitReady("market")

        let stranger = try CurveKeyPair.generate()
        #expect(try await Self.handshake(cluster, to: "market", as: "fire", curve: stranger) == .handshakeFailedAuth)
        #expect(try await Self.handshake(cluster, to: "market", as: "fire") == .handshakeSucceeded)
        #expect(cluster.log("market").contains("connection refused: key not in the membership"))
        #expect(cluster.log("market").contains(stranger.publicKey.z85))
        // The refusal is counted (the self-check's own refusal is not).
        try await cluster.waitUntil("the refusal counted") { ($0["market"]?.metrics.authenticationsRefused ?? 0) >= 1 }
    }

    @Test("a department cannot speak or publish as another department", .timeLimit(.minutes(2)))
    func cannotImpersonate() async throws {
        // fire is a member whose agent is not started; culture (a member) claims to be fire.
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try await cluster.waitReady("market")

        let cultureKey = cluster.keys["culture"]!
        let event = EventEnvelope(
            origin: "fire", seq: 1, prevHash: .zero, timestampMs: 1, kind: .test,
            payload: TestPayload(body: Array("not fire".utf8)).serializedBytes())
        let forged = EventBatch(
            origin: "fire", events: [event],
            checkpoint: try cultureKey.signCheckpoint(origin: "fire", seq: 1, eventHash: event.computeHash()))
        try await ZMQThread(name: "impostor") {
            // culture's own, valid CURVE key, but the routing id of fire.
            let dealer = try cluster.dealer(to: "market", as: "culture", routingID: "fire")
            defer { dealer.close() }
            _ = try dealer.send([
                BusMessage.hello(Hello(department: "fire", agent: "impostor", heads: [])).serializedBytes()
            ])
            _ = try dealer.send([BusMessage.batch(forged).serializedBytes()])
            // Speaking as itself, culture still cannot append to fire's log: the signature is not fire's.
            let honest = try cluster.dealer(to: "market", as: "culture")
            defer { honest.close() }
            _ = try honest.send([BusMessage.batch(forged).serializedBytes()])
            // A routing id the ROUTER made (as after a reconnection) names no one: the key speaks.
            let unnamed = try cluster.dealer(to: "market", as: "culture", routingID: "")
            defer { unnamed.close() }
            let hello = Hello(department: "culture", agent: "unnamed-connection", heads: [])
            _ = try unnamed.send([BusMessage.hello(hello).serializedBytes()])
        }.value

        try await cluster.waitUntil("market dropped the impostor and rejected the forgery") {
            ($0["market"]?.metrics.impersonations ?? 0) >= 2 && ($0["market"]?.metrics.rejected ?? 0) >= 1
        }
        let status = try await cluster.status("market")
        #expect(status.heads["fire"] == nil, "nothing of fire's was stored")
        #expect(status.metrics.impersonations == 2 && status.metrics.malformed == 0)
        #expect(cluster.log("market").contains("claimed=fire"))
        try await cluster.waitUntil("market heard culture's unnamed connection") { _ in
            cluster.log("market").contains("peer.agent=unnamed-connection")
        }
    }

    @Test(
        "a member claiming another member's routing id does not disturb that member's connection",
        .timeLimit(.minutes(3)))
    func cannotKnockOff() async throws {
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }
        _ = try await cluster.control("fire", ControlRequest(command: "publish", size: 16, count: 3))
        try await cluster.waitUntil("market holds fire's first events") { $0["market"]?.heads["fire"]?.seq == 3 }
        let before = try await cluster.status("fire").metrics.disconnects

        // culture, authenticated with its own key, connects to market with fire's routing id and
        // stays connected while fire goes on publishing.
        let impostor = HeldDealer(
            cluster, to: "market", as: "culture", routingID: "fire",
            sending: [BusMessage.hello(Hello(department: "fire", agent: "impostor", heads: [])).serializedBytes()])
        try await cluster.waitUntil("market dropped the impostor's message") {
            ($0["market"]?.metrics.impersonations ?? 0) >= 1
        }
        _ = try await cluster.control("fire", ControlRequest(command: "publish", size: 16, count: 5))
        try await cluster.waitUntil("market holds what fire appended after the attack") {
            $0["market"]?.heads["fire"]?.seq == 8
        }
        // A take-over would have cut fire's link to market (ROUTER_HANDOVER detaches the real
        // connection; what fire sends on it then goes nowhere): market would stop hearing from
        // fire directly, and get fire's events only by relay. Watch for 15 heartbeats.
        let window = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < window {
            let fire = try await cluster.status("market").peers.first { $0.department == "fire" }
            #expect(fire?.liveness == .alive || fire?.liveness == .evasive, "market still hears fire itself")
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(try await cluster.status("fire").metrics.disconnects == before, "fire's connection was not dropped")
        #expect(try await impostor.finish() == 0, "no take-over back and forth")
    }

    @Test(
        "a department not entitled to a kind never receives its content, even by relay, and its chain still verifies",
        .timeLimit(.minutes(3)))
    func dataRights() async throws {
        // culture may receive everything but `test` payloads.
        let cluster = try AgentCluster(
            ["market", "fire", "culture"],
            rights: ["culture": DataRights(kinds: ["intent", "plan.proposal", "plan.vote"], categories: ["*"])])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }

        _ = try await cluster.control("market", ControlRequest(command: "publish", size: 64, count: 10))
        try await cluster.waitUntil("everyone holds market's 10 events") { statuses in
            ["fire", "culture"].allSatisfy { statuses[$0]?.heads["market"]?.seq == 10 }
        }
        // Catch-up by relay: culture is down while market publishes more, then market goes away,
        // so culture can only fetch market's events from fire, which must withhold them too.
        #expect(cluster.terminate("culture") == 0)
        _ = try await cluster.control("market", ControlRequest(command: "publish", size: 64, count: 15))
        try await cluster.waitUntil("fire holds market's 25 events") { $0["fire"]?.heads["market"]?.seq == 25 }
        let marketHead = try await cluster.status("market").heads["market"]
        let metering = try #require(try await cluster.control("market", ControlRequest(command: "metering")).body)
        #expect(cluster.terminate("market") == 0)
        try cluster.start("culture")
        try await cluster.waitUntil("culture caught up from fire") { $0["culture"]?.heads["market"]?.seq == 25 }
        #expect(try await cluster.status("culture").heads["market"] == marketHead, "same chain, same head hash")
        #expect(cluster.terminate("culture") == 0)
        let fireMetering = try #require(try await cluster.control("fire", ControlRequest(command: "metering")).body)
        #expect(cluster.terminate("fire") == 0)

        func marketEvents(in department: String) throws -> [EventEnvelope] {
            let store = try EventStore(
                path: cluster.directory.appendingPathComponent("data/\(department)/store.sqlite").path,
                department: department)
            return try store.events(origin: "market", from: 1, through: 25)
        }
        let atCulture = try marketEvents(in: "culture")
        let atFire = try marketEvents(in: "fire")
        #expect(atCulture.count == 25 && atFire.count == 25)
        #expect(atCulture.allSatisfy { $0.isPayloadWithheld }, "no test payload reached culture")
        #expect(atFire.allSatisfy { !$0.payload.isEmpty && $0.payloadHashMatches })
        #expect(zip(atCulture, atFire).allSatisfy { $0.computeHash() == $1.computeHash() })

        // Whichever of market and fire sent culture an event (push or fetch reply) metered it.
        let records = try [metering, fireMetering].flatMap {
            try JSONDecoder().decode([MeteringRecord].self, from: Data($0.utf8))
        }
        let toCulture = records.filter { $0.peer == "culture" && $0.kind == "test" }
        let toFire = records.filter { $0.peer == "fire" && $0.kind == "test" }
        #expect(toCulture.reduce(0) { $0 + $1.delivered } == 0)
        #expect(toCulture.reduce(0) { $0 + $1.withheld } >= 25)
        #expect(toFire.reduce(0) { $0 + $1.delivered } >= 25)
    }

    @Test(
        "a removed member is cut off at the next refresh; a pushed version spreads to every peer without restart",
        .timeLimit(.minutes(3)))
    func membershipRefresh() async throws {
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }
        _ = try await cluster.control("market", ControlRequest(command: "publish", size: 16, count: 3))
        try await cluster.waitUntil("culture holds market's events") { $0["culture"]?.heads["market"]?.seq == 3 }

        // Version 2, pushed to market only (not written to the shared file): culture removed.
        var next = cluster.bus.membership
        next.version = 2
        next.departments.removeAll { $0.id == "culture" }
        let signed = try SignedMembership.sign(next, with: cluster.bus.authority)
        let reply = try await cluster.control(
            "market",
            ControlRequest(
                command: "membership.push",
                arguments: ["document": String(decoding: signed.serialized(), as: UTF8.self)]))
        #expect(reply.ok, "\(reply.error ?? "")")
        try await cluster.waitUntil("market and fire run version 2") { statuses in
            ["market", "fire"].allSatisfy { statuses[$0]?.membershipVersion == 2 }
        }
        // culture's key no longer opens a connection, and what market publishes no longer reaches it.
        #expect(try await Self.handshake(cluster, to: "market", as: "culture") == .handshakeFailedAuth)
        _ = try await cluster.control("market", ControlRequest(command: "publish", size: 16, count: 5))
        _ = try await cluster.control("culture", ControlRequest(command: "publish", size: 16, count: 4))
        try await cluster.waitUntil("fire holds market's new events") { $0["fire"]?.heads["market"]?.seq == 9 }
        let statuses = try await (cluster.status("market"), cluster.status("culture"))
        #expect(statuses.1.heads["market"]?.seq ?? 0 < 9, "culture got nothing after its removal")
        #expect(statuses.0.heads["culture"]?.seq ?? 0 < 4, "market took nothing from culture after its removal")
        #expect(!statuses.0.peers.contains { $0.department == "culture" })
        // An older version offered again is refused.
        let older = try await cluster.control(
            "fire",
            ControlRequest(
                command: "membership.push",
                arguments: ["document": try String(contentsOfFile: cluster.bus.membershipFile, encoding: .utf8)]))
        #expect(!older.ok && older.error?.contains("not newer") == true)
    }

    @Test("an expired or mis-signed membership document is refused, at start and at run time", .timeLimit(.minutes(2)))
    func badDocumentsRefused() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        let good = try Data(contentsOf: URL(fileURLWithPath: cluster.bus.membershipFile))

        var expired = cluster.bus.membership
        expired.version = 2
        expired.issuedAt = Date().addingTimeInterval(-7200)
        expired.expiresAt = Date().addingTimeInterval(-3600)
        let expiredFile = try SignedMembership.sign(expired, with: cluster.bus.authority).serialized()
        var misSigned = try SignedMembership.parse(Array(good))
        misSigned.signature[7] ^= 0x01
        let foreign = try SignedMembership.sign(
            cluster.bus.membership,
            with: AuthorityKey(authority: "impostor-authority", keyID: 0, signingKey: SigningKey()))

        for (bytes, message) in [
            (expiredFile, "expired"), (misSigned.serialized(), "does not verify"),
            (foreign.serialized(), "but this agent trusts local-authority"),
            (Array("{}".utf8), "not a signed membership document"),
        ] {
            try Data(bytes).write(to: URL(fileURLWithPath: cluster.bus.membershipFile))
            try cluster.start("market")
            #expect(cluster.wait("market") == 78)
            #expect(cluster.log("market").contains(message), "start-up refuses: \(message)")
        }

        // At run time: a bad file replacing the good one, and a bad push, leave version 1 in force.
        try good.write(to: URL(fileURLWithPath: cluster.bus.membershipFile))
        try cluster.start("market")
        try await cluster.waitReady("market")
        try Data(expiredFile).write(to: URL(fileURLWithPath: cluster.bus.membershipFile))
        try await cluster.waitUntil("market refused the expired file") {
            ($0["market"]?.metrics.membershipsRefused ?? 0) >= 1
        }
        let pushed = try await cluster.control(
            "market",
            ControlRequest(
                command: "membership.push",
                arguments: ["document": String(decoding: misSigned.serialized(), as: UTF8.self)]))
        #expect(!pushed.ok && pushed.error?.contains("does not verify") == true)
        #expect(try await cluster.status("market").membershipVersion == 1)
    }

    @Test(
        "a rotated signing key signs new events while old events still verify, after a refreshed membership",
        .timeLimit(.minutes(2)))
    func keyRotation() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }
        _ = try await cluster.control("market", ControlRequest(command: "publish", size: 16, count: 4))
        try await cluster.waitUntil("fire holds market's first events") { $0["fire"]?.heads["market"]?.seq == 4 }
        #expect(cluster.terminate("market") == 0)

        // The operator adds key 1; the authority lists it next to key 0 in version 2.
        let path = cluster.directory.appendingPathComponent("keys/market").path
        let rotated = try KeyDirectory.generate(at: path, rotate: true)
        var next = cluster.bus.membership
        next.version = 2
        next.departments[next.departments.firstIndex { $0.id == "market" }!].signingKeys =
            rotated.publicEntry.signingKeys
        try cluster.bus.publish(next)
        try await cluster.waitUntil("fire runs version 2") { $0["fire"]?.membershipVersion == 2 }

        try cluster.start("market")
        try await cluster.waitReady("market")
        _ = try await cluster.control("market", ControlRequest(command: "publish", size: 16, count: 4))
        try await cluster.waitUntil("fire holds market's events signed by key 1") {
            $0["fire"]?.heads["market"]?.seq == 8
        }
        #expect(try await cluster.status("fire").heads["market"] == cluster.status("market").heads["market"])
        #expect(try await cluster.status("fire").metrics.rejected == 0)
        let store = try EventStore(
            path: cluster.directory.appendingPathComponent("data/market/store.sqlite").path, department: "market")
        #expect(try store.checkpoint(origin: "market", atOrAfter: 1)?.keyId == 0)
        #expect(try store.checkpoint(origin: "market", atOrAfter: 5)?.keyId == 1)
    }

    @Test("when the membership in force expires, the agent admits no new connection", .timeLimit(.minutes(2)))
    func expiryFailsClosed() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try await cluster.waitReady("market")
        #expect(try await Self.handshake(cluster, to: "market", as: "fire") == .handshakeSucceeded)

        var shortLived = cluster.bus.membership
        shortLived.version = 2
        shortLived.expiresAt = Date().addingTimeInterval(10)
        try cluster.bus.publish(shortLived)
        try await cluster.waitUntil("market runs the short-lived version") { $0["market"]?.membershipVersion == 2 }
        try await cluster.waitUntil("market saw it expire", timeout: .seconds(30)) { _ in
            cluster.log("market").contains("membership expired")
        }
        #expect(try await Self.handshake(cluster, to: "market", as: "fire") == .handshakeFailedAuth)
    }
}
