/// An error of a department agent's command, with a stable code and a message that says what to do.
public struct AgentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The closed set of codes.
    public enum Code: String, Hashable, Sendable, Codable {
        /// A command argument is missing or malformed.
        case invalidArgument
        /// The department, entity, plan or referral named does not exist.
        case notFound
        /// The command does not fit the current state (e.g. voting on a plan that does not involve us).
        case invalidState
        /// The department's data file is unusable.
        case invalidData
        /// A draw's register or roster snapshot (named by its hash) is not held here.
        case missingSnapshot
    }

    /// The code.
    public let code: Code
    /// What went wrong and what to do.
    public let message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
