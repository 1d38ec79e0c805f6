import Foundation

/// The data bundled with the module (the only place it reads files): the five scenarios of
/// DOMAIN.md and the departments' baseline lists, the fire no-penalty list, referral routes and
/// the mainland-China working calendars of 2026 and 2027, joined into catalog version 1 — the
/// default of every agent until the authority issues a newer catalog on the bus.
public enum BundledData {
    private static func read(_ directory: String, _ file: String) throws -> Data {
        guard let base = Bundle.module.url(forResource: directory, withExtension: nil) else {
            throw SupervisionError(
                .invalidResource, "bundled folder '\(directory)' is missing from the Supervision resources")
        }
        let url = base.appendingPathComponent(file)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SupervisionError(.invalidResource, "cannot read bundled file \(directory)/\(file): \(error)")
        }
    }

    /// The scenario catalog from `scenarios/index.json`.
    public static func scenarioCatalog() throws -> ScenarioCatalog {
        let index = try DataFiles.decode(
            DataFiles.IndexFile.self, read("scenarios", "index.json"), name: "scenarios/index.json")
        let scenarios = try index.scenarios.map { (name: "scenarios/\($0)", data: try read("scenarios", $0)) }
        return try DataFiles.catalog(
            version: index.version, items: read("scenarios", index.items), scenarios: scenarios)
    }

    /// The version of the bundled catalog.
    public static let catalogVersion = 1

    /// The bundled files as one catalog document (version ``catalogVersion``).
    public static func catalogDocument() throws -> CatalogDocument {
        let scenarios = try scenarioCatalog()
        let index = try DataFiles.decode(
            DataFiles.IndexFile.self, read("scenarios", "index.json"), name: "scenarios/index.json")
        let items = try DataFiles.decode(DataFiles.ItemsFile.self, read("scenarios", index.items), name: "items").items
        let rules = try DataFiles.decode(
            DataFiles.RulesFile.self, read("rules", "no-penalty-fire.json"), name: "no-penalty rules")
        let calendars = try ["cn-2026.json", "cn-2027.json"].map {
            try DataFiles.decode(CatalogCalendar.self, read("calendars", $0), name: "calendars/\($0)")
        }
        return CatalogDocument(
            version: catalogVersion, label: index.version, items: items, scenarios: scenarios.scenarios,
            lookbackDays: rules.lookbackDays, noPenaltyRules: rules.rules, routes: try referralRouting().routes,
            calendars: calendars)
    }

    /// The bundled catalog, validated.
    public static func catalog() throws -> Catalog { try Catalog(catalogDocument()) }

    /// The fire no-penalty rules (`rules/no-penalty-fire.json`).
    public static func fireNoPenaltyRules() throws -> NoPenaltyRuleSet {
        try DataFiles.noPenaltyRules(read("rules", "no-penalty-fire.json"))
    }

    /// Referral routes (`rules/referral-routes.json`).
    public static func referralRouting() throws -> ReferralRouting {
        try DataFiles.referralRouting(read("rules", "referral-routes.json"))
    }

    /// The 2026 mainland-China calendar (`calendars/cn-2026.json`): weekends, public holidays and
    /// make-up working days.
    public static func calendar2026() throws -> WorkingCalendar {
        try DataFiles.calendar(read("calendars", "cn-2026.json"))
    }
}
