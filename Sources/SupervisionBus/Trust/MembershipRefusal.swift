/// Why a signed membership document is refused, for tools that must tell the cases apart
/// (`jointctl membership verify`); ``SignedMembership/verify(anchor:now:)`` throws the same
/// message as a ``BusError``.
public struct MembershipRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of refusal.
    public enum Reason: String, Sendable, Codable, Hashable, CaseIterable {
        /// Not a JSMD1 file, or a body that does not decode or validate.
        case malformed
        /// Signed by another authority than the anchor's.
        case otherAuthority = "other-authority"
        /// Signed with a key id the anchor does not list.
        case unknownKey = "unknown-key"
        /// The signature does not verify: altered, or signed with another key.
        case misSigned = "mis-signed"
        /// Past its `expiresAt`.
        case expired
        /// Issued more than 5 minutes in the future (a clock problem).
        case notYetValid = "not-yet-valid"
    }

    /// The class of refusal.
    public var reason: Reason
    /// A sentence for people: what is wrong and what to do.
    public var message: String

    /// Creates a refusal.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}
