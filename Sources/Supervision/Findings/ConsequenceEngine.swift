/// What follows from one finding: who is responsible, a referral if that is not the recording
/// department, and the consequence (none, no penalty, or enforcement).
public struct Evaluation: Hashable, Sendable, Codable {
    /// The finding.
    public var finding: FindingID
    /// The responsible department.
    public var responsible: DepartmentID
    /// The referral to the responsible department, if it did not record the finding itself.
    public var referral: Referral?
    /// The consequence.
    public var consequence: Consequence
}

/// Findings → consequences: routing, referrals and no-penalty rules together.
public struct ConsequenceEngine: Hashable, Sendable {
    /// Items (for categories and owners).
    public var catalog: ScenarioCatalog
    /// No-penalty rules.
    public var rules: NoPenaltyRuleSet
    /// Category → responsible department.
    public var routing: ReferralRouting

    /// Creates an engine.
    public init(catalog: ScenarioCatalog, rules: NoPenaltyRuleSet, routing: ReferralRouting) {
        self.catalog = catalog
        self.rules = rules
        self.routing = routing
    }

    /// Evaluates a finding at an entity of `industry`.
    ///
    /// The responsible department is the routing result for the item's category (and industry),
    /// falling back to the item's owner. A violation recorded by another department becomes a
    /// referral sent on the finding's day. Throws ``SupervisionError/Code/unknownItem``.
    public func evaluate(
        _ finding: Finding, industry: IndustryID, history: [ViolationRecord], calendar: WorkingCalendar,
        reinspectionSequence: UInt64
    ) throws -> Evaluation {
        guard let item = catalog.item(finding.item) else {
            throw SupervisionError(
                .unknownItem, "finding \(finding.id) is about item '\(finding.item)', which the catalog does not define"
            )
        }
        let responsible = routing.responsible(for: item.category, industry: industry) ?? item.owner
        let referral: Referral? =
            finding.result == .violation && responsible != finding.recordedBy
            ? Referral(
                finding: finding.id, entity: finding.entity, item: finding.item, category: item.category,
                from: finding.recordedBy, to: responsible, sent: finding.date)
            : nil
        let consequence = rules.evaluate(
            finding, responsible: responsible, history: history, calendar: calendar,
            reinspectionSequence: reinspectionSequence)
        return Evaluation(finding: finding.id, responsible: responsible, referral: referral, consequence: consequence)
    }
}
