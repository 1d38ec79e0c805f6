import Foundation
import SupervisionProtocol
import Testing

@testable import SupervisionBus

/// The bilateral agreement between two regions and what it lets cross, without a network.
@Suite("Federation agreements")
struct FederationTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fed-\(UUID().uuidString)").path

    /// Two authorities, their anchors, each region's membership, and an agreement
    /// A.market ↔ B.js-market for food-safety findings.
    struct Regions {
        var authorityA: AuthorityKey
        var authorityB: AuthorityKey
        var anchorA: TrustAnchor
        var anchorB: TrustAnchor
        var membershipA: Membership
        var membershipB: SignedMembership
        var agreement: FederationAgreement
    }

    func member(_ id: String) throws -> Membership.Member {
        let keys = try KeyDirectory.generate(at: "\(directory)/\(UUID().uuidString)/\(id)")
        return Membership.Member(
            id: id, busEndpoint: "tcp://127.0.0.1:7100", curveKey: keys.publicEntry.curveKey,
            signingKeys: keys.publicEntry.signingKeys, receives: .everything)
    }

    func regions(expiresIn: TimeInterval = 86400) throws -> Regions {
        let directory = "\(self.directory)/\(UUID().uuidString)"
        let authorityA = try AuthorityKey.generate(authority: "shanghai-city", at: "\(directory)/a")
        let authorityB = try AuthorityKey.generate(authority: "suzhou-city", at: "\(directory)/b")
        let anchorA = try TrustAnchor.load(from: AuthorityKey.anchorFile("\(directory)/a"))
        let anchorB = try TrustAnchor.load(from: AuthorityKey.anchorFile("\(directory)/b"))
        let now = Date()
        let membershipA = Membership(
            version: 1, issuedAt: now.addingTimeInterval(-60), expiresAt: now.addingTimeInterval(86400),
            departments: [try member("market"), try member("fire")])
        let membershipB = Membership(
            version: 1, issuedAt: now.addingTimeInterval(-60), expiresAt: now.addingTimeInterval(86400),
            departments: [try member("js-market"), try member("js-fire")])
        let agreement = FederationAgreement(
            id: "sh-sz-market", version: 1, issuedAt: now.addingTimeInterval(-60),
            expiresAt: now.addingTimeInterval(expiresIn),
            parties: [.init(anchorA), .init(anchorB)],
            exchanges: [
                .init(
                    from: "shanghai-city", fromMembers: ["market"], to: "suzhou-city", toMembers: ["js-market"],
                    kinds: ["finding"], categories: ["food-safety"]),
                .init(
                    from: "suzhou-city", fromMembers: ["js-market"], to: "shanghai-city", toMembers: ["market"],
                    kinds: ["referral"], categories: ["food-safety"]),
            ])
        return Regions(
            authorityA: authorityA, authorityB: authorityB, anchorA: anchorA, anchorB: anchorB,
            membershipA: membershipA, membershipB: try SignedMembership.sign(membershipB, with: authorityB),
            agreement: agreement)
    }

    func refusal(_ signed: SignedAgreement, _ r: Regions, now: Date = Date()) -> AgreementRefusal.Reason? {
        if case .failure(let refusal) = signed.check(local: r.anchorA, foreign: r.anchorB, now: now) {
            return refusal.reason
        }
        return nil
    }

    @Test("signed by both authorities it verifies from either side; round-trips through its file")
    func bothSignatures() throws {
        let r = try regions()
        let signed = try SignedAgreement(draft: r.agreement).signed(with: r.authorityA).signed(with: r.authorityB)
        let reparsed = try SignedAgreement.parse(signed.serialized())
        #expect(try reparsed.verify(local: r.anchorA, foreign: r.anchorB) == r.agreement)
        #expect(try reparsed.verify(local: r.anchorB, foreign: r.anchorA) == r.agreement)
    }

    @Test("one signature only, a wrong anchor, an altered body or an expired agreement is refused")
    func refusals() throws {
        let r = try regions()
        let draft = try SignedAgreement(draft: r.agreement)
        #expect(refusal(draft, r) == .missingSignature)
        #expect(refusal(try draft.signed(with: r.authorityA), r) == .missingSignature)
        #expect(refusal(try draft.signed(with: r.authorityB), r) == .missingSignature)
        let both = try draft.signed(with: r.authorityA).signed(with: r.authorityB)
        #expect(refusal(both, r, now: r.agreement.expiresAt.addingTimeInterval(1)) == .expired)
        // A third authority's anchor in place of B's.
        let other = try AuthorityKey.generate(authority: "hangzhou-city", at: "\(directory)/c")
        let anchorC = try TrustAnchor.load(from: AuthorityKey.anchorFile("\(directory)/c"))
        if case .failure(let refusal) = both.check(local: r.anchorA, foreign: anchorC) {
            #expect(refusal.reason == .otherAuthority)
        } else {
            Issue.record("an agreement checked against another authority's anchor verified")
        }
        #expect(throws: BusError.self) { try draft.signed(with: other) }
        // B's id with a key B's anchor does not hold: refused at signing, and a forged signature fails.
        let impostor = AuthorityKey(authority: "suzhou-city", keyID: 0, signingKey: SigningKey())
        #expect(throws: BusError.self) { try draft.signed(with: impostor) }
        var forged = try draft.signed(with: r.authorityA)
        forged.signatures.append(
            .init(authority: "suzhou-city", keyId: 0, signature: forged.signatures[0].signature))
        #expect(refusal(forged, r) == .misSigned)
        var altered = both
        altered.document[altered.document.count / 2] ^= 0x01
        #expect(refusal(altered, r) != nil)
        #expect(throws: BusError.self) { try SignedAgreement.parse(Array("{}".utf8)) }
    }

    @Test("a foreign membership signed by the wrong anchor is refused")
    func wrongForeignAnchor() throws {
        let r = try regions()
        let signed = try SignedAgreement(draft: r.agreement).signed(with: r.authorityA).signed(with: r.authorityB)
        let wrongly = try SignedMembership.sign(
            try r.membershipB.verify(anchor: r.anchorB), with: r.authorityA)
        #expect(throws: BusError.self) {
            try Federation(
                localAnchor: r.anchorA, foreignAnchor: r.anchorB, foreignMembership: wrongly, agreement: signed)
        }
        #expect(throws: BusError.self) {
            try Federation(
                localAnchor: r.anchorA, foreignAnchor: r.anchorB, foreignMembership: r.membershipB,
                agreement: try SignedAgreement(draft: r.agreement).signed(with: r.authorityA))
        }
    }

    @Test("only named pairs hold each other's logs; only agreed kinds and categories cross")
    func policy() throws {
        let r = try regions()
        let signed = try SignedAgreement(draft: r.agreement).signed(with: r.authorityA).signed(with: r.authorityB)
        let federation = try Federation(
            localAnchor: r.anchorA, foreignAnchor: r.anchorB, foreignMembership: r.membershipB, agreement: signed)
        let federated = try federation.apply(to: r.membershipA)
        #expect(Set(federated.departments.map(\.id)) == ["market", "fire", "js-market"])
        #expect(federated.member("js-fire") == nil)
        #expect(try federated.allowList().values.contains("js-fire") == false)
        let topology = federated.topology
        #expect(topology.holds("js-market", origin: "market"))
        #expect(topology.holds("market", origin: "js-market"))
        #expect(!topology.holds("fire", origin: "js-market"))
        #expect(!topology.holds("js-market", origin: "fire"))
        #expect(topology.peers(of: "market") == ["fire", "js-market"])
        #expect(topology.peers(of: "fire") == ["market"])
        #expect(topology.isHeldByAll("market"))
        // A → B: food-safety findings only; B → A: food-safety referrals only.
        #expect(topology.mayReceive("js-market", origin: "market", kind: "finding") { "food-safety" })
        #expect(!topology.mayReceive("js-market", origin: "market", kind: "finding") { "fire-safety" })
        #expect(!topology.mayReceive("js-market", origin: "market", kind: "intent") { nil })
        #expect(!topology.mayReceive("js-market", origin: "market", kind: "membership") { nil })
        #expect(!topology.mayReceive("market", origin: "js-market", kind: "finding") { "food-safety" })
        #expect(topology.mayReceive("market", origin: "js-market", kind: "referral") { "food-safety" })
        #expect(!topology.mayReceive("fire", origin: "js-market", kind: "referral") { "food-safety" })
        // Inside region A nothing changes.
        #expect(topology.mayReceive("fire", origin: "market", kind: "intent") { nil })
    }

    @Test("an agreement naming a member the membership does not list is refused")
    func notNamed() throws {
        var r = try regions()
        r.agreement.exchanges[0].toMembers = ["js-culture"]
        let signed = try SignedAgreement(draft: r.agreement).signed(with: r.authorityA).signed(with: r.authorityB)
        #expect(throws: BusError.self) {
            try Federation(
                localAnchor: r.anchorA, foreignAnchor: r.anchorB, foreignMembership: r.membershipB, agreement: signed)
        }
        var s = try regions()
        s.agreement.exchanges[0].fromMembers = ["education"]
        let local = try SignedAgreement(draft: s.agreement).signed(with: s.authorityA).signed(with: s.authorityB)
        let federation = try Federation(
            localAnchor: s.anchorA, foreignAnchor: s.anchorB, foreignMembership: s.membershipB, agreement: local)
        #expect(throws: BusError.self) { try federation.apply(to: s.membershipA) }
        var t = try regions()
        t.agreement.exchanges[0].kinds = ["*"]
        #expect(throws: BusError.self) { try SignedAgreement(draft: t.agreement) }
    }
}
