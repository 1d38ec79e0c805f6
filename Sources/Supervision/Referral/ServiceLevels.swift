/// Referral service levels (defaults from DOMAIN.md): the receiver accepts or rejects within 2
/// working days, decides whether to open a case within 2 more, and reports a decision not to open
/// one within 5 more; the handling result of an opened case is due within 90 calendar days
/// (一般 general) or 120 (复杂 complex, when the receiver marks the case complex).
///
/// Encoded as a JSON object; missing fields take their defaults, so a catalog document may carry
/// only the levels it changes.
public struct ServiceLevels: Hashable, Sendable, Codable {
    /// Working days to accept or reject, counted from the day sent.
    public var acceptWorkingDays: Int
    /// Working days to decide, counted from acceptance (or from the acceptance deadline).
    public var decideWorkingDays: Int
    /// Working days to report a decision not to open a case, counted from the decision (or its deadline).
    public var reportWorkingDays: Int
    /// Calendar days to report the handling result of an opened case (一般 general), counted from the decision.
    public var generalFeedbackDays: Int
    /// Calendar days to report the handling result of an opened case marked complex (复杂), counted from the decision.
    public var complexFeedbackDays: Int

    /// Creates service levels; each must be ≥ 1 and the complex limit at least the general one
    /// (``SupervisionError/Code/invalidParameter``).
    public init(
        acceptWorkingDays: Int = 2, decideWorkingDays: Int = 2, reportWorkingDays: Int = 5,
        generalFeedbackDays: Int = 90, complexFeedbackDays: Int = 120
    ) throws {
        guard acceptWorkingDays >= 1, decideWorkingDays >= 1, reportWorkingDays >= 1 else {
            throw SupervisionError(.invalidParameter, "service levels are at least 1 working day each")
        }
        guard generalFeedbackDays >= 1, complexFeedbackDays >= generalFeedbackDays else {
            throw SupervisionError(
                .invalidParameter,
                "feedback limits are at least 1 day and the complex limit (\(complexFeedbackDays)) at least the general one (\(generalFeedbackDays))"
            )
        }
        self.acceptWorkingDays = acceptWorkingDays
        self.decideWorkingDays = decideWorkingDays
        self.reportWorkingDays = reportWorkingDays
        self.generalFeedbackDays = generalFeedbackDays
        self.complexFeedbackDays = complexFeedbackDays
    }

    /// 2 / 2 / 5 working days; 90 / 120 calendar days.
    public static let `default` = try! ServiceLevels()

    private enum CodingKeys: String, CodingKey {
        case acceptWorkingDays, decideWorkingDays, reportWorkingDays, generalFeedbackDays, complexFeedbackDays
    }

    /// Decodes and validates; a missing field takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServiceLevels.default
        do {
            try self.init(
                acceptWorkingDays: try c.decodeIfPresent(Int.self, forKey: .acceptWorkingDays) ?? d.acceptWorkingDays,
                decideWorkingDays: try c.decodeIfPresent(Int.self, forKey: .decideWorkingDays) ?? d.decideWorkingDays,
                reportWorkingDays: try c.decodeIfPresent(Int.self, forKey: .reportWorkingDays) ?? d.reportWorkingDays,
                generalFeedbackDays: try c.decodeIfPresent(Int.self, forKey: .generalFeedbackDays)
                    ?? d.generalFeedbackDays,
                complexFeedbackDays: try c.decodeIfPresent(Int.self, forKey: .complexFeedbackDays)
                    ?? d.complexFeedbackDays)
        } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }
}
