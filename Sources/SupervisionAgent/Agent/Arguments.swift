/// The named arguments of a delegated command, with helpers that fail with a clear message.
struct Arguments: Sendable {
    let values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    subscript(name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    func required(_ name: String) throws -> String {
        guard let value = self[name] else { throw AgentError(.invalidArgument, "argument \(name) is required") }
        return value
    }

    func uint32(_ name: String) throws -> UInt32? {
        guard let text = self[name] else { return nil }
        guard let value = UInt32(text) else {
            throw AgentError(.invalidArgument, "\(name) must be a number, got \(text)")
        }
        return value
    }
}
