/// Why a signed agreement is refused, for tools that must tell the cases apart
/// (`jointctl agreement show --anchor … --anchor …`); ``SignedAgreement/verify(local:foreign:now:)``
/// throws the same message as a ``BusError`` `.invalidAgreement`.
public struct AgreementRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of refusal.
    public enum Reason: String, Sendable, Codable, Hashable, CaseIterable {
        /// Not a JSFA1 file, or a body that does not decode or validate.
        case malformed
        /// The parties are not the two authorities of the anchors given, or list other keys.
        case otherAuthority = "other-authority"
        /// One of the two authorities' signatures is absent.
        case missingSignature = "missing-signature"
        /// Signed with a key id an anchor does not list.
        case unknownKey = "unknown-key"
        /// A signature does not verify: altered, or signed with another key.
        case misSigned = "mis-signed"
        /// Past its `expiresAt`.
        case expired
        /// Issued more than 5 minutes in the future.
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
