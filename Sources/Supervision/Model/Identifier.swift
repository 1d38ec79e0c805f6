/// A validated, string-backed identifier (department, industry, item, inspector…).
///
/// Allowed characters are ASCII letters, digits and `- _ . : /`; length 1…64. Identifiers compare
/// by their bytes, so every implementation sorts them the same way. They encode as plain JSON
/// strings.
public protocol Identifier: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral, CodingKeyRepresentable
where RawValue == String, StringLiteralType == String {
    /// Creates the identifier from text that has already been validated.
    init(validated rawValue: String)
}

extension Identifier {
    /// Creates the identifier, or `nil` if `rawValue` is not a valid identifier.
    public init?(rawValue: String) {
        guard IdentifierSyntax.isValid(rawValue) else { return nil }
        self.init(validated: rawValue)
    }

    /// Creates the identifier, throwing ``SupervisionError/Code/invalidIdentifier`` when the text is not valid.
    public init(_ text: String) throws {
        guard IdentifierSyntax.isValid(text) else {
            throw SupervisionError(
                .invalidIdentifier,
                "'\(text)' is not a valid \(Self.self): use 1-64 ASCII letters, digits or - _ . : /")
        }
        self.init(validated: text)
    }

    /// Creates the identifier from a literal; the literal must be valid.
    public init(stringLiteral value: String) {
        precondition(IdentifierSyntax.isValid(value), "invalid \(Self.self) literal '\(value)'")
        self.init(validated: value)
    }

    /// The raw text.
    public var description: String { rawValue }

    /// Byte order of the raw text.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        IdentifierSyntax.less(lhs.rawValue, rhs.rawValue)
    }

    /// Decodes a JSON string and validates it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

enum IdentifierSyntax {
    static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 64 else { return false }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// Byte-wise comparison (identical to String's order for ASCII, stated explicitly).
    @inline(__always)
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
