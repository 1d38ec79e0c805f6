/// What follows a violation; kind `"outcome"` (`Outcome` in domain.proto).
public struct OutcomePayload: EventPayload {
    /// `"outcome"`.
    public static let kind = EventKind.outcome

    /// The `"finding"` event this outcome decides.
    public var finding: EventRef?
    /// The decision; ``Decision/unknown`` when a later version's decision (or none) was sent.
    public var decision: Decision

    /// The decision of an outcome.
    public enum Decision: Hashable, Sendable {
        /// No penalty for a first minor violation promptly corrected (免罚).
        case noPenalty(NoPenalty)
        /// The normal enforcement path.
        case enforcement(Enforcement)
        /// None set, or one this version does not know.
        case unknown
    }

    /// The terms of a no-penalty outcome (`NoPenalty` in domain.proto).
    public struct NoPenalty: Hashable, Sendable {
        /// A written reminder was given.
        public var reminder: Bool
        /// A signed commitment letter was obtained.
        public var commitment: Bool
        /// Correction deadline, `YYYY-MM-DD` (empty: corrected on the spot).
        public var correctionDeadline: String
        /// Planned re-inspection date, `YYYY-MM-DD` (empty: none).
        public var reInspectionDate: String

        /// Makes the terms.
        public init(reminder: Bool, commitment: Bool, correctionDeadline: String = "", reInspectionDate: String = "") {
            self.reminder = reminder
            self.commitment = commitment
            self.correctionDeadline = correctionDeadline
            self.reInspectionDate = reInspectionDate
        }
    }

    /// An enforcement outcome (`Enforcement` in domain.proto).
    public struct Enforcement: Hashable, Sendable {
        /// The enforcing department's case id.
        public var caseId: String
        /// Free text, no personal data.
        public var note: String

        /// Makes an enforcement outcome.
        public init(caseId: String, note: String = "") {
            self.caseId = caseId
            self.note = note
        }
    }

    /// Makes an outcome.
    public init(finding: EventRef?, decision: Decision) {
        self.finding = finding
        self.decision = decision
    }
}
