import Foundation
import Testing
import ZeroMQ

@Suite("Z85 and CURVE keys")
struct Z85Tests {
    @Test func rfc32TestVector() throws {
        let data: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(try Z85.encode(data) == "HelloWorld")
        #expect(try Z85.decode("HelloWorld") == data)
    }

    @Test func rfc26ExampleKeys() throws {
        // The CurveZMQ (RFC 26) example key pairs: the public key follows from the secret key.
        let client = try CurveKeyPair(secretKey: CurveKey(z85: "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"))
        #expect(client.publicKey.z85 == "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID")
        let server = try CurveKeyPair(secretKey: CurveKey(z85: "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"))
        #expect(server.publicKey.z85 == "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")
    }

    @Test func roundTripAndInvalidInput() throws {
        #expect(try Z85.encode([]) == "")
        #expect(try Z85.decode("") == [])
        let data = [UInt8].pattern(64)
        #expect(try Z85.decode(Z85.encode(data)) == data)
        let badLength = try #require(throws: ZMQError.self) { try Z85.encode([1, 2, 3]) }
        #expect(badLength.errno == EINVAL)
        #expect(badLength.operation.contains("not a multiple of 4"))
        #expect(throws: ZMQError.self) { try Z85.decode("Hell") }
        #expect(throws: ZMQError.self) { try Z85.decode("Hello World") }
        #expect(throws: ZMQError.self) { try Z85.decode("Hell\"") }  // '"' is not in the alphabet
        #expect(throws: ZMQError.self) { try CurveKey(bytes: [1, 2]) }
        #expect(throws: ZMQError.self) { try CurveKey(z85: "HelloWorld") }
    }

    @Test func keyPairGeneration() throws {
        #expect(Curve.isAvailable)
        let one = try CurveKeyPair.generate()
        let two = try CurveKeyPair.generate()
        #expect(one.publicKey.bytes.count == 32)
        #expect(one.secretKey.bytes.count == 32)
        #expect(one != two)
        #expect(try CurveKeyPair(secretKey: one.secretKey) == one)
        #expect(try CurveKey(z85: one.publicKey.z85) == one.publicKey)
        #expect(!one.secretKey.description.contains(one.secretKey.z85))
    }
}
