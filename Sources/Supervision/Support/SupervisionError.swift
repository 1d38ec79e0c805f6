/// An error from the domain core: a stable ``Code`` for programs and a message for people that
/// says what went wrong and what to do about it.
public struct SupervisionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The closed set of error kinds.
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        /// A unified social credit code is malformed or fails its GB 32100-2015 check digit.
        case invalidCreditCode
        /// An identifier (department, item, inspector…) has a forbidden syntax.
        case invalidIdentifier
        /// A calendar date does not exist or cannot be parsed.
        case invalidDate
        /// A time window is empty, reversed or has no working day where one is required.
        case invalidWindow
        /// A department is named that the input does not know (no capacity, no roster…).
        case unknownDepartment
        /// A checklist item is named that the catalog does not contain.
        case unknownItem
        /// An entity is named that the register does not contain.
        case unknownEntity
        /// Two entities, intents, items or rules share an identifier.
        case duplicate
        /// A department's roster has no inspector (or none with the required qualifications).
        case emptyRoster
        /// Two rules cover the same case and disagree.
        case contradictoryRules
        /// A numeric parameter is out of its allowed range.
        case invalidParameter
        /// A bundled or supplied data file cannot be read or decoded.
        case invalidResource
        /// A state change is not allowed in the current state (for example a referral decided before it was accepted).
        case invalidTransition
        /// A date lies outside every working calendar of the catalog.
        case outsideCalendar
    }

    /// What kind of error this is.
    public let code: Code
    /// What went wrong and what to do, for people.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
