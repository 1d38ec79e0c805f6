import Foundation
import Testing

@testable import SupervisionBus

/// `Membership.draft(fromJSON:version:issuedAt:validDays:)` (what `jointctl membership sign`
/// fills in and refuses) and the reasons `SignedMembership.check` gives.
@Suite("Membership drafts and refusals")
struct MembershipDraftTests {
    /// Whole seconds: ISO 8601 in the document keeps no fractions.
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let directory: String
    let entries: [String: String]
    let authority = AuthorityKey(authority: "test-city", keyID: 0, signingKey: SigningKey())

    init() throws {
        directory = NSTemporaryDirectory() + "draft-tests-\(UUID().uuidString.prefix(8))"
        var entries: [String: String] = [:]
        for (index, department) in ["fire", "market"].enumerated() {
            let keys = try KeyDirectory.generate(at: "\(directory)/\(department)")
            let entry = keys.publicEntry
            entries[department] =
                #"{"id":"\#(department)","busEndpoint":"tcp://127.0.0.1:\#(7100 + index)","curveKey":"\#(entry.curveKey)","signingKeys":{"0":"\#(entry.signingKeys["0"]!)"},"receives":{"kinds":["intent"],"categories":[]}}"#
        }
        self.entries = entries
        try? FileManager.default.removeItem(atPath: directory)
    }

    func draft(_ fields: String = "") -> [UInt8] {
        Array(#"{\#(fields)"departments":[\#(entries["fire"]!),\#(entries["market"]!)]}"#.utf8)
    }

    var anchor: TrustAnchor { TrustAnchor(authority: "test-city", keys: ["0": authority.publicKeyBase64]) }

    @Test func theVersionComesFromTheArgumentElseTheDraft() throws {
        #expect(try Membership.draft(fromJSON: draft(#""version":3,"#), issuedAt: now).version == 3)
        #expect(try Membership.draft(fromJSON: draft(#""version":3,"#), version: 4, issuedAt: now).version == 4)
        #expect(try Membership.draft(fromJSON: draft(), version: 1, issuedAt: now).version == 1)
        let error = #expect(throws: BusError.self) { try Membership.draft(fromJSON: draft(), issuedAt: now) }
        #expect(error?.message.contains("--version") == true)
    }

    @Test func absentDatesMeanIssuedNowForNinetyDays() throws {
        let membership = try Membership.draft(fromJSON: draft(#""version":1,"#), issuedAt: now)
        #expect(membership.issuedAt == now)
        #expect(membership.expiresAt == now.addingTimeInterval(90 * 86400))
        #expect(membership.departments.map(\.id) == ["fire", "market"])
        #expect(membership.member("fire")?.receives == DataRights(kinds: ["intent"]))
    }

    @Test func theDraftsDatesAreKeptUnlessAValidityIsGiven() throws {
        let dated = draft(#""version":2,"issuedAt":"2026-11-20T00:00:00Z","expiresAt":"2027-01-01T00:00:00Z","#)
        let issued = try #require(ISO8601DateFormatter().date(from: "2026-11-20T00:00:00Z"))
        let kept = try Membership.draft(fromJSON: dated, issuedAt: issued.addingTimeInterval(3600))
        #expect(kept.issuedAt == issued)
        #expect(kept.expiresAt == ISO8601DateFormatter().date(from: "2027-01-01T00:00:00Z"))

        let restamped = try Membership.draft(fromJSON: dated, issuedAt: now, validDays: 30)
        #expect(restamped.issuedAt == now)
        #expect(restamped.expiresAt == now.addingTimeInterval(30 * 86400))
    }

    @Test func refusesADraftThatIsAlreadyExpiredOrFromTheFuture() throws {
        let expired = #expect(throws: BusError.self) {
            try Membership.draft(
                fromJSON: draft(#""version":2,"expiresAt":"2020-01-01T00:00:00Z","issuedAt":"2019-01-01T00:00:00Z","#),
                issuedAt: now)
        }
        #expect(expired?.message.contains("--valid-days") == true)
        let future = #expect(throws: BusError.self) {
            try Membership.draft(fromJSON: draft(#""version":2,"issuedAt":"2099-01-01T00:00:00Z","#), issuedAt: now)
        }
        #expect(future?.message.contains("future") == true)
        #expect(throws: BusError.self) {
            try Membership.draft(fromJSON: draft(#""version":2,"#), issuedAt: now, validDays: 0)
        }
    }

    @Test func namesTheFieldThatIsWrong() throws {
        let missing = #expect(throws: BusError.self) {
            try Membership.draft(fromJSON: Array(#"{"version":1,"departments":[{"id":"fire"}]}"#.utf8), issuedAt: now)
        }
        #expect(missing?.message.contains("departments[0].busEndpoint is missing") == true)
        let date = #expect(throws: BusError.self) {
            try Membership.draft(fromJSON: draft(#""version":1,"expiresAt":"next year","#), issuedAt: now)
        }
        #expect(date?.message.contains("ISO 8601") == true, "\(String(describing: date))")
        let json = #expect(throws: BusError.self) { try Membership.draft(fromJSON: Array("{".utf8), issuedAt: now) }
        #expect(json?.message.contains("not valid JSON") == true)
        let empty = #expect(throws: BusError.self) {
            try Membership.draft(fromJSON: Array(#"{"version":1,"departments":[]}"#.utf8), issuedAt: now)
        }
        #expect(empty?.message.contains("no departments") == true)
        let uppercase = String(decoding: draft(#""version":1,"#), as: UTF8.self).replacingOccurrences(
            of: #""id":"fire""#, with: #""id":"Fire""#)
        let id = #expect(throws: BusError.self) {
            try Membership.draft(fromJSON: Array(uppercase.utf8), issuedAt: now)
        }
        #expect(id?.message.contains("[a-z0-9-]") == true)
    }

    @Test func aSignedDraftVerifiesAndEachRefusalHasItsReason() throws {
        let membership = try Membership.draft(fromJSON: draft(), version: 5, issuedAt: now, validDays: 10)
        let signed = try SignedMembership.parse(try SignedMembership.sign(membership, with: authority).serialized())
        #expect(try signed.check(anchor: anchor, now: now.addingTimeInterval(60)).get() == membership)

        func reason(_ document: SignedMembership, anchor: TrustAnchor? = nil, at date: Date? = nil)
            -> MembershipRefusal.Reason?
        {
            guard case .failure(let refusal) = document.check(anchor: anchor ?? self.anchor, now: date ?? now)
            else { return nil }
            return refusal.reason
        }
        var altered = signed
        altered.signature[7] ^= 1
        #expect(reason(altered) == .misSigned)
        var edited = signed
        edited.document = Array(
            String(decoding: signed.document, as: UTF8.self).replacingOccurrences(of: "7100", with: "7199").utf8)
        #expect(reason(edited) == .misSigned)
        #expect(reason(signed, anchor: TrustAnchor(authority: "other-city", keys: anchor.keys)) == .otherAuthority)
        var otherKey = signed
        otherKey.keyID = 1
        #expect(reason(otherKey) == .unknownKey)
        #expect(reason(signed, at: now.addingTimeInterval(11 * 86400)) == .expired)
        #expect(reason(signed, at: now.addingTimeInterval(-3600)) == .notYetValid)
        let garbage = Array(#"{"version":1}"#.utf8)
        let malformed = SignedMembership(
            authority: "test-city", keyID: 0, document: garbage,
            signature: try authority.sign(
                SignedMembership.signingInput(authority: "test-city", keyID: 0, document: garbage)))
        #expect(reason(malformed) == .malformed)
        // verify() throws the same sentence as a BusError.
        let error = #expect(throws: BusError.self) { try altered.verify(anchor: anchor, now: now) }
        #expect(error?.code == .invalidMembership)
        #expect(error?.message.contains("mis-signed or altered") == true)
    }

    @Test func writingReplacesTheFileAtomically() throws {
        let path = NSTemporaryDirectory() + "signed-\(UUID().uuidString.prefix(8)).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        for version in 1...2 {
            let membership = try Membership.draft(fromJSON: draft(), version: version, issuedAt: now)
            try SignedMembership.sign(membership, with: authority).write(to: path)
            let read = try SignedMembership.load(from: path).checkSignature(anchor: anchor).get()
            #expect(read.version == version)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix((path as NSString).lastPathComponent) && $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }
}
