import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus
import SupervisionProtocol
import Testing

/// The golden JSCD1 catalog and category cases of `Protocols/vectors/jscd1/`, signed and
/// categorised by Python (jscd1.py): Swift must verify the same signature and put every case
/// in the same category.
@Suite("JSCD1 golden vector")
struct CatalogVectorTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocols/vectors/jscd1")

    struct Case: Decodable {
        var `case`: String
        var kind: String
        var payloadBase64: String
        var category: String?

        enum CodingKeys: String, CodingKey {
            case `case`, kind, category
            case payloadBase64 = "payload_base64"
        }
    }

    func load() throws -> (SignedCatalog, TrustAnchor) {
        let anchor = try TrustAnchor.load(from: Self.directory.appendingPathComponent("anchor.json").path)
        let signed = try SignedCatalog.load(from: Self.directory.appendingPathComponent("catalog.signed.json").path)
        return (signed, anchor)
    }

    @Test("a catalog signed by another implementation verifies, and fails once altered")
    func verifiesGoldenCatalog() throws {
        let (signed, anchor) = try load()
        let catalog = try signed.verify(anchor: anchor)
        #expect(catalog.version == 2)
        #expect(catalog.scenarios.scenarios.map(\.id) == (try BundledData.catalog()).scenarios.scenarios.map(\.id))
        var altered = signed.envelope
        altered.document[altered.document.count / 2] ^= 1
        guard case .failure(let refusal) = SignedCatalog(envelope: altered).check(anchor: anchor) else {
            Issue.record("an altered catalog verified")
            return
        }
        #expect(refusal.reason == .misSigned)
        // A membership signature never verifies as a catalog: the format is in the signing input.
        var asMembership = signed.envelope
        asMembership.format = SignedMembership.format
        #expect(throws: (any Error).self) {
            try SignedCatalog.parse(asMembership.serialized())
        }
    }

    @Test("every category case is categorised as Python categorises it")
    func categoriesAgree() throws {
        let (signed, anchor) = try load()
        let catalog = try signed.verify(anchor: anchor)
        let cases = try JSONDecoder().decode(
            [Case].self, from: Data(contentsOf: Self.directory.appendingPathComponent("categories.json")))
        #expect(cases.count >= 9)
        for item in cases {
            let payload = try #require(Data(base64Encoded: item.payloadBase64))
            let event = EventEnvelope(
                origin: "education", seq: 1, prevHash: .zero, timestampMs: 0, kind: EventKind(rawValue: item.kind),
                payload: Array(payload))
            #expect(
                ContentCategories.category(of: event) { _ in catalog } == item.category, "\(item.case)")
        }
    }
}
