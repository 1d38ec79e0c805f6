import Foundation
import SupervisionBus
import Testing

/// The golden JSMD1 document of `Protocols/vectors/jsmd1/`, signed by Python (jsmd1.py).
@Suite("JSMD1 golden vector")
struct MembershipVectorTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocols/vectors/jsmd1")

    @Test("a document signed by another implementation verifies, and fails once altered")
    func verifiesGoldenDocument() throws {
        let anchor = try TrustAnchor.load(from: Self.directory.appendingPathComponent("anchor.json").path)
        let signed = try SignedMembership.load(
            from: Self.directory.appendingPathComponent("membership.signed.json").path)
        let membership = try signed.verify(anchor: anchor, now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(membership.version == 7)
        #expect(membership.departments.map(\.id) == ["fire", "market"])
        #expect(
            membership.member("fire")?.receives
                == DataRights(kinds: ["intent", "finding"], categories: ["fire-safety"]))
        #expect(membership.member("market")?.receives == DataRights(), "absent rights: nothing")
        var altered = signed
        altered.document[10] ^= 0x01
        #expect(throws: BusError.self) { try altered.verify(anchor: anchor) }
    }
}
