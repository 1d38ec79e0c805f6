import Testing

@testable import Supervision

@Suite struct CreditCodeTests {
    @Test func acceptsAPublishedValidCode() throws {
        let code = try CreditCode("91350100M000100Y43")
        #expect(code.description == "91350100M000100Y43")
        #expect(code.divisionCode == "350100")
        #expect(!code.isIndividualBusiness)
    }

    @Test func acceptsLowerCaseAndNormalises() throws {
        #expect(try CreditCode("91350100m000100y43").description == "91350100M000100Y43")
    }

    @Test(arguments: [
        ("91350100M000100Y4", "has 17 characters"),
        ("91350100M000100Y44", "check character"),
        ("91350100I000100Y43", "is not allowed"),
        ("", "has 0 characters"),
    ])
    func rejectsBadCodes(text: String, phrase: String) {
        #expect {
            try CreditCode(text)
        } throws: { error in
            guard let e = error as? SupervisionError else { return false }
            return e.code == .invalidCreditCode && e.message.contains(phrase)
        }
    }

    @Test func bodyConstructionAppendsTheCheckCharacter() throws {
        let parsed = try CreditCode("91350100M000100Y43")
        let values = parsed.utf8.prefix(17).map { c in CreditCode.alphabet.firstIndex(of: c)! }
        #expect(try CreditCode(body: Array(values)) == parsed)
    }

    @Test func packedOrderEqualsTextOrder() throws {
        var rng = SeededGenerator(seed: 7)
        var codes: [CreditCode] = []
        for _ in 0..<200 {
            codes.append(try CreditCode(body: (0..<17).map { _ in Int(rng.next() % 31) }))
        }
        #expect(codes.sorted().map(\.description) == codes.map(\.description).sorted())
    }

    @Test func codableRoundTripAndValidation() throws {
        let code = try CreditCode("91350100M000100Y43")
        let json = try JSONCoding.encode(code)
        #expect(json == "\"91350100M000100Y43\"")
        #expect(try JSONCoding.decode(CreditCode.self, json) == code)
        #expect(throws: DecodingError.self) { try JSONCoding.decode(CreditCode.self, "\"91350100M000100Y44\"") }
    }
}
