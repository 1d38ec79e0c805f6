/// The published seed of a draw: arbitrary bytes made public before the draw (for example the
/// hash of a lottery result or of a signed announcement), so that anyone can re-run it.
///
/// Encodes as lower-case hex.
public struct DrawSeed: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The seed bytes.
    public let bytes: [UInt8]

    /// Uses `bytes` as the seed.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Uses the UTF-8 bytes of `text` as the seed.
    public init(text: String) { self.bytes = Array(text.utf8) }

    /// Parses hex; throws ``SupervisionError/Code/invalidParameter``.
    public init(hex: String) throws {
        guard let bytes = Hex.decode(hex), !bytes.isEmpty else {
            throw SupervisionError(.invalidParameter, "seed '\(hex)' is not an even number of hex digits")
        }
        self.bytes = bytes
    }

    /// Lower-case hex.
    public var description: String { Hex.encode(bytes) }

    /// Decodes hex.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(hex: text) } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes hex.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
