import Supervision

/// What a referral acknowledgement (`referral.ack`) reports: one step of the referral's
/// ``ReferralLifecycle``. Raw values are the wire codes `jointctl` and JSON use.
public enum AckStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// The receiver accepts the referral.
    case accepted
    /// The receiver rejects it (the note says why).
    case rejected
    /// The receiver opened a case: the handling result is due within the general feedback limit.
    case caseOpened = "case-opened"
    /// The receiver decided not to open a case: the report is due within the report service level.
    case noCase = "no-case"
    /// The opened case is complex (复杂): the handling result is due within the complex feedback limit.
    case complex
    /// The report back to the referring department: the decision, or the handling result of the case.
    case feedback

    /// Takes the step in `lifecycle` on `day`; throws ``SupervisionError/Code/invalidTransition``
    /// when the current stage does not allow it (and changes nothing).
    public func apply(to lifecycle: inout ReferralLifecycle, on day: CivilDate, note: String) throws {
        switch self {
        case .accepted: try lifecycle.accept(on: day)
        case .rejected: try lifecycle.reject(on: day, reason: note)
        case .caseOpened: try lifecycle.decide(on: day, openCase: true)
        case .noCase: try lifecycle.decide(on: day, openCase: false)
        case .complex: try lifecycle.markComplex(on: day)
        case .feedback: try lifecycle.report(on: day)
        }
    }
}
