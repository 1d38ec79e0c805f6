/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
/// alphabet `0-9 A-H J-N P-R T U W-Y` (no I, O, S, V, Z), the last one a check character.
///
/// Layout: registration authority (1), entity type (1), administrative division (6 digits),
/// organisation code (9), check character (1). The check character is
/// `31 − (Σ cᵢ·wᵢ mod 31)` (31 → `0`) with weights `wᵢ = 3^(i−1) mod 31` for i = 1…17.
///
/// Stored packed (5 bits per character, big-endian) so that codes compare, hash and sort as
/// integers; the integer order equals the text order.
public struct CreditCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 31 characters, in ascending order; a character's value is its index.
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    /// Check weights for positions 1…17.
    public static let weights: [Int] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() {
            table[Int(c)] = Int8(i)
            if c >= UInt8(ascii: "A") { table[Int(c) + 32] = Int8(i) }  // accept lower case
        }
        return table
    }()

    /// The packed value: 18 five-bit character values, first character most significant.
    public let packed: UInt128

    /// Parses and validates a code; lower-case letters are accepted and normalised.
    ///
    /// Throws ``SupervisionError/Code/invalidCreditCode`` naming the exact problem.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else {
            throw SupervisionError(
                .invalidCreditCode,
                "'\(text)' has \(bytes.count) characters; a unified social credit code has exactly 18")
        }
        var digits = [Int](repeating: 0, count: 18)
        for (i, b) in bytes.enumerated() {
            let v = CreditCode.values[Int(b)]
            guard v >= 0 else {
                throw SupervisionError(
                    .invalidCreditCode,
                    "'\(text)': character \(i + 1) ('\(Unicode.Scalar(b))') is not allowed; codes use 0-9 and A-Y without I, O, S, V, Z"
                )
            }
            digits[i] = Int(v)
        }
        let check = CreditCode.checkValue(digits[0..<17])
        guard check == digits[17] else {
            throw SupervisionError(
                .invalidCreditCode,
                "'\(text)': check character is '\(Unicode.Scalar(CreditCode.alphabet[digits[17]]))' but GB 32100 gives '\(Unicode.Scalar(CreditCode.alphabet[check]))'; re-read the code"
            )
        }
        self.packed = CreditCode.pack(digits)
    }

    /// Builds a code from the first 17 character values (0…30), appending the check character.
    public init(body: [Int]) throws {
        guard body.count == 17, body.allSatisfy({ (0..<31).contains($0) }) else {
            throw SupervisionError(.invalidCreditCode, "a code body is 17 character values in 0...30")
        }
        var digits = body
        digits.append(CreditCode.checkValue(body[...]))
        self.packed = CreditCode.pack(digits)
    }

    init(packed: UInt128) { self.packed = packed }

    /// The check character value for 17 character values.
    public static func checkValue(_ body: ArraySlice<Int>) -> Int {
        var sum = 0
        for (w, c) in zip(weights, body) { sum += w * c }
        let check = 31 - sum % 31
        return check == 31 ? 0 : check
    }

    static func pack(_ digits: [Int]) -> UInt128 {
        var value: UInt128 = 0
        for d in digits { value = value << 5 | UInt128(d) }
        return value
    }

    /// The 18 characters as ASCII bytes.
    public var utf8: [UInt8] {
        var out = [UInt8](repeating: 0, count: 18)
        var v = packed
        for i in stride(from: 17, through: 0, by: -1) {
            out[i] = CreditCode.alphabet[Int(v & 31)]
            v >>= 5
        }
        return out
    }

    /// The code text.
    public var description: String { String(decoding: utf8, as: UTF8.self) }

    /// The six-digit administrative division code (characters 3-8), e.g. `310115` for Pudong.
    public var divisionCode: String { String(decoding: utf8[2..<8], as: UTF8.self) }

    /// Whether the code denotes an individual business (个体工商户: authority `9`, type `2`),
    /// whose registered name may be a person's name.
    public var isIndividualBusiness: Bool {
        let u = utf8
        return u[0] == UInt8(ascii: "9") && u[1] == UInt8(ascii: "2")
    }

    /// Integer order of the packed value, which equals text order.
    public static func < (lhs: CreditCode, rhs: CreditCode) -> Bool { lhs.packed < rhs.packed }

    /// Decodes the 18-character text and validates it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes the 18-character text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
