import Supervision

/// The shared reference data every agent uses: checklist catalog, working calendar, no-penalty
/// rules and referral routes (the module's bundled files).
struct DomainContext: Sendable {
    let catalog: ScenarioCatalog
    let calendar: WorkingCalendar
    let engine: ConsequenceEngine
    let serviceLevels: ServiceLevels

    init(settings: AgentSettings) throws {
        catalog = try BundledData.scenarioCatalog()
        calendar = try BundledData.calendar2026()
        engine = ConsequenceEngine(
            catalog: catalog, rules: try BundledData.fireNoPenaltyRules(), routing: try BundledData.referralRouting())
        if let levels = settings.serviceLevels {
            serviceLevels = try ServiceLevels(
                acceptWorkingDays: levels[0], decideWorkingDays: levels[1], reportWorkingDays: levels[2])
        } else {
            serviceLevels = .default
        }
    }
}
