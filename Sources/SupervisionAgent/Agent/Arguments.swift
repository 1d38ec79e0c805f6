/// The named arguments of a delegated command, with helpers that fail with a clear message.
///
/// Every command checks all of its arguments with these helpers before it builds an event, so
/// a refused command appends nothing.
struct Arguments: Sendable {
    let values: [String: String]

    /// Longest free text (notes, reasons, seeds, ids) a command accepts.
    static let maxTextLength = 1000

    init(_ values: [String: String]) { self.values = values }

    subscript(name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    /// The value of `name`, at most `maxLength` characters.
    func required(_ name: String, maxLength: Int = Self.maxTextLength) throws -> String {
        guard let value = try text(name, maxLength: maxLength) else {
            throw AgentError(.invalidArgument, "argument \(name) is required")
        }
        return value
    }

    /// The value of `name` if given, at most `maxLength` characters.
    func text(_ name: String, maxLength: Int = Self.maxTextLength) throws -> String? {
        guard let value = self[name] else { return nil }
        guard value.count <= maxLength else {
            throw AgentError(
                .invalidArgument, "\(name) is \(value.count) characters long; at most \(maxLength) allowed")
        }
        return value
    }

    func uint32(_ name: String) throws -> UInt32? {
        guard let text = self[name] else { return nil }
        guard let value = UInt32(text) else {
            throw AgentError(.invalidArgument, "\(name) must be a number, got \(text)")
        }
        return value
    }

    /// The value of `name` if given, one of `allowed`.
    func choice(_ name: String, _ allowed: [String]) throws -> String? {
        guard let value = self[name] else { return nil }
        guard allowed.contains(value) else {
            throw AgentError(.invalidArgument, "\(name) must be \(allowed.joined(separator: ", ")); got \(value)")
        }
        return value
    }

    /// An identifier chosen by the operator (plan ids): 1–64 letters, digits, `.`, `_` or `-`.
    func identifier(_ name: String) throws -> String? {
        guard let value = self[name] else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || Array("._-".utf8).contains(byte)
        }
        guard allowed, value.utf8.count <= 64 else {
            throw AgentError(.invalidArgument, "\(name) must be 1–64 letters, digits, '.', '_' or '-'; got \(value)")
        }
        return value
    }
}
