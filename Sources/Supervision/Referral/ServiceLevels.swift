/// Referral service levels in working days (defaults from DOMAIN.md): the receiver accepts or
/// rejects within 2 working days, decides whether to open a case within 2 more, and reports back
/// within 5 more.
public struct ServiceLevels: Hashable, Sendable, Codable {
    /// Working days to accept or reject, counted from the day sent.
    public var acceptWorkingDays: Int
    /// Working days to decide, counted from acceptance (or from the acceptance deadline).
    public var decideWorkingDays: Int
    /// Working days to report back, counted from the decision (or its deadline).
    public var reportWorkingDays: Int

    /// Creates service levels; each must be ≥ 1 (``SupervisionError/Code/invalidParameter``).
    public init(acceptWorkingDays: Int = 2, decideWorkingDays: Int = 2, reportWorkingDays: Int = 5) throws {
        guard acceptWorkingDays >= 1, decideWorkingDays >= 1, reportWorkingDays >= 1 else {
            throw SupervisionError(.invalidParameter, "service levels are at least 1 working day each")
        }
        self.acceptWorkingDays = acceptWorkingDays
        self.decideWorkingDays = decideWorkingDays
        self.reportWorkingDays = reportWorkingDays
    }

    /// 2 / 2 / 5 working days.
    public static let `default` = try! ServiceLevels()
}
