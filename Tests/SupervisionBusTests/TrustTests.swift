import Foundation
import SupervisionProtocol
import Synchronization
import Testing
import ZeroMQ

@testable import SupervisionBus

/// Keys, the signed membership document and data rights, without a network.
@Suite("Trust documents and data rights")
struct TrustDocumentTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trust-\(UUID().uuidString)").path

    func membership(version: Int = 1, expiresIn: TimeInterval = 86400) throws -> Membership {
        var members: [Membership.Member] = []
        for department in ["market", "fire"] {
            let keys = try KeyDirectory.generate(at: "\(directory)/\(UUID().uuidString)/\(department)")
            members.append(
                Membership.Member(
                    id: department, busEndpoint: "tcp://127.0.0.1:7100", curveKey: keys.publicEntry.curveKey,
                    signingKeys: keys.publicEntry.signingKeys,
                    receives: DataRights(kinds: ["finding", "intent"], categories: ["fire-safety"])))
        }
        return Membership(
            version: version, issuedAt: Date().addingTimeInterval(-60), expiresAt: Date().addingTimeInterval(expiresIn),
            departments: members)
    }

    @Test("a signed document verifies; altered, re-signed by a stranger, expired or unsigned ones are refused")
    func signedMembership() throws {
        let authority = try AuthorityKey.generate(authority: "city", at: "\(directory)/authority")
        let anchor = try TrustAnchor.load(from: AuthorityKey.anchorFile("\(directory)/authority"))
        let document = try membership()
        let signed = try SignedMembership.sign(document, with: authority)
        let reparsed = try SignedMembership.parse(signed.serialized())
        #expect(try reparsed.verify(anchor: anchor) == document)

        func refusal(_ candidate: SignedMembership, now: Date = Date()) -> String? {
            do {
                _ = try candidate.verify(anchor: anchor, now: now)
                return nil
            } catch let error as BusError {
                #expect(error.code == .invalidMembership)
                return error.message
            } catch {
                return "\(error)"
            }
        }
        var altered = signed
        altered.document[altered.document.count / 2] ^= 0x20
        #expect(refusal(altered)?.contains("does not verify") == true)
        let stranger = try SignedMembership.sign(
            document, with: AuthorityKey(authority: "city", keyID: 0, signingKey: SigningKey()))
        #expect(refusal(stranger)?.contains("does not verify") == true)
        var unknownKey = signed
        unknownKey.keyID = 9
        #expect(refusal(unknownKey)?.contains("does not hold") == true)
        #expect(refusal(signed, now: document.expiresAt.addingTimeInterval(1))?.contains("expired") == true)
        #expect(throws: BusError.self) { try SignedMembership.parse(document.encoded()) }
        // A rotated authority key: the anchor lists both, documents signed by either verify.
        let rotated = try AuthorityKey.generate(authority: "city", at: "\(directory)/authority", rotate: true)
        let newAnchor = try TrustAnchor.load(from: AuthorityKey.anchorFile("\(directory)/authority"))
        #expect(rotated.keyID == 1)
        #expect(try SignedMembership.sign(document, with: rotated).verify(anchor: newAnchor) == document)
        #expect(try signed.verify(anchor: newAnchor) == document)
    }

    @Test("membership validation names the first problem")
    func validation() throws {
        var document = try membership()
        document.departments[1].curveKey = document.departments[0].curveKey
        #expect(throws: BusError.self) { try document.validate() }
        document = try membership()
        document.departments[1].id = "Fire!"
        #expect(throws: BusError.self) { try document.validate() }
        document = try membership()
        document.expiresAt = document.issuedAt
        #expect(throws: BusError.self) { try document.validate() }
    }

    @Test("data rights deny by default; the origin and membership documents always pass")
    func dataRights() throws {
        let document = try membership()
        func may(_ department: String, _ kind: String, _ category: String?, origin: String = "fire") -> Bool {
            document.mayReceive(department, origin: origin, kind: kind) { category }
        }
        #expect(may("market", "finding", "fire-safety"))
        #expect(!may("market", "finding", "food-safety"))
        #expect(!may("market", "referral", nil), "kind not listed")
        #expect(may("market", "intent", nil))
        #expect(!may("stranger", "intent", nil), "not a member")
        #expect(may("fire", "anything", "any"), "the origin")
        #expect(may("market", "membership", nil))
        #expect(DataRights().allows(kind: "intent", category: nil) == false)
        #expect(DataRights.everything.allows(kind: "x", category: "y"))
    }

    @Test("a batch's rights for many peers categorise each event once, and agree with one-by-one decisions")
    func allowancesCategoriseOnce() throws {
        let document = try membership()
        let calls = Mutex(0)
        let policy = DeliveryPolicy(membership: document) { event in
            calls.withLock { $0 += 1 }
            return event.seq % 2 == 0 ? "fire-safety" : "food-safety"
        }
        let events = (1...6).map { seq in
            EventEnvelope(
                origin: "other", seq: UInt64(seq), prevHash: .zero, timestampMs: 0, kind: "finding",
                payload: [UInt8(seq)])
        }
        let allowances = policy.allowances(events, for: ["market", "fire", "stranger"])
        #expect(calls.withLock { $0 } == 6)
        #expect(allowances["market"] == [false, true, false, true, false, true])
        #expect(allowances["stranger"] == Array(repeating: false, count: 6))
        for peer in ["market", "fire", "stranger"] {
            #expect(allowances[peer] == events.map { policy.mayReceive(peer, $0) })
        }
    }

    @Test("key directories: 0600 files, rotation keeps old keys, loose permissions refused with the fix")
    func keyDirectory() throws {
        let path = "\(directory)/keys"
        let keys = try KeyDirectory.generate(at: path)
        #expect(throws: BusError.self) { try KeyDirectory.generate(at: path) }
        for file in [KeyDirectory.curveKeyFile(path), KeyDirectory.signingKeyFile(path, id: 0)] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let rotated = try KeyDirectory.generate(at: path, rotate: true)
        #expect(Set(rotated.signingKeys.keys) == [0, 1])
        #expect(rotated.curve == keys.curve)
        #expect(rotated.currentSigningKey(listed: keys.publicEntry.signingKeys)?.id == 0, "1 is not listed yet")
        #expect(rotated.currentSigningKey(listed: rotated.publicEntry.signingKeys)?.id == 1)

        try FileManager.default.setAttributes(
            [.posixPermissions: 0o640], ofItemAtPath: KeyDirectory.signingKeyFile(path, id: 1))
        #expect {
            _ = try KeyDirectory(path: path)
        } throws: { error in
            (error as? BusError)?.message.contains("chmod 600 \(KeyDirectory.signingKeyFile(path, id: 1))") == true
        }
    }

    @Test("a replicator withholds payloads a peer may not receive; the peer's chain still converges")
    func replicatorWithholds() throws {
        let cluster = try Cluster(["market", "fire", "culture"])
        let policy = DeliveryPolicy(membershipVersion: 1) { peer, event in peer != "culture" || event.kind != .test }
        cluster.policies = ["market": policy, "fire": policy, "culture": policy]
        for department in ["market", "fire", "culture"] { try cluster.start(department) }
        try cluster.append("market", count: 30)
        #expect(cluster.converge())
        let atCulture = try cluster.nodes["culture"]!.store.events(origin: "market", from: 1, through: 30)
        let atFire = try cluster.nodes["fire"]!.store.events(origin: "market", from: 1, through: 30)
        #expect(atCulture.count == 30 && atCulture.allSatisfy { $0.isPayloadWithheld })
        #expect(atFire.count == 30 && atFire.allSatisfy { !$0.payload.isEmpty })
        #expect(cluster.nodes["culture"]!.heads["market"] == cluster.nodes["market"]!.heads["market"])
        let metering = cluster.nodes["market"]!.takeMetering()
        #expect(metering.filter { $0.peer == "culture" }.reduce(0) { $0 + $1.delivered } == 0)
        #expect(metering.filter { $0.peer == "culture" }.reduce(0) { $0 + $1.withheld } == 30)
    }
}
