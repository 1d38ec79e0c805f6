import Supervision

/// The reference data of one catalog as the agent uses it: checklist catalog, working calendar,
/// consequence engine (no-penalty rules and referral routes) and service levels.
struct DomainContext: Sendable {
    /// The catalog these come from.
    let source: Catalog
    let catalog: ScenarioCatalog
    let calendar: WorkingCalendar
    let engine: ConsequenceEngine
    let serviceLevels: ServiceLevels

    /// The data of `catalog`; the settings' `serviceLevels`, when given, override the catalog's
    /// (a local deviation, for tests).
    init(catalog: Catalog, settings: AgentSettings) {
        source = catalog
        self.catalog = catalog.scenarios
        calendar = catalog.calendar
        engine = catalog.engine
        if let levels = settings.serviceLevels,
            let local = try? ServiceLevels(
                acceptWorkingDays: levels[0], decideWorkingDays: levels[1], reportWorkingDays: levels[2])
        {
            serviceLevels = local
        } else {
            serviceLevels = catalog.serviceLevels
        }
    }
}
