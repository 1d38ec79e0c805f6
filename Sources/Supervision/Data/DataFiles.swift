import Foundation

/// Decoders for the data files of the domain (scenario catalog, rules, routes, calendars).
///
/// The file formats are the bundled ones under `Resources/`; every file carries a `format` and a
/// `version`. These functions only decode bytes they are given: reading files is the caller's
/// business (or ``BundledData``'s, for the bundled copies).
public enum DataFiles {
    struct ItemsFile: Decodable {
        var version: String
        var items: [ChecklistItem]
    }

    struct IndexFile: Decodable {
        var version: String
        var items: String
        var scenarios: [String]
    }

    struct RulesFile: Decodable {
        var version: String
        var lookbackDays: Int?
        var rules: [NoPenaltyRule]
    }

    struct RoutesFile: Decodable {
        var version: String
        var routes: [ReferralRoute]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, name: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw SupervisionError(.invalidResource, "\(name): \(describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String {
            c.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c): return "invalid data at '\(path(c.codingPath))': \(c.debugDescription)"
        case .keyNotFound(let k, let c): return "missing key '\(k.stringValue)' at '\(path(c.codingPath))'"
        case .typeMismatch(_, let c): return "wrong type at '\(path(c.codingPath))': \(c.debugDescription)"
        case .valueNotFound(_, let c): return "missing value at '\(path(c.codingPath))'"
        @unknown default: return "\(error)"
        }
    }

    /// Builds a catalog from an items file and scenario files (bundled format).
    public static func catalog(version: String, items: Data, scenarios: [(name: String, data: Data)]) throws
        -> ScenarioCatalog
    {
        let itemFile = try decode(ItemsFile.self, items, name: "items")
        let list = try scenarios.map { try decode(Scenario.self, $0.data, name: $0.name) }
        return try ScenarioCatalog(version: version, scenarios: list, items: itemFile.items)
    }

    /// Decodes a no-penalty rules file.
    public static func noPenaltyRules(_ data: Data) throws -> NoPenaltyRuleSet {
        let file = try decode(RulesFile.self, data, name: "no-penalty rules")
        return try NoPenaltyRuleSet(version: file.version, lookbackDays: file.lookbackDays, rules: file.rules)
    }

    /// Decodes a referral routes file.
    public static func referralRouting(_ data: Data) throws -> ReferralRouting {
        let file = try decode(RoutesFile.self, data, name: "referral routes")
        return try ReferralRouting(version: file.version, routes: file.routes)
    }

    /// Decodes a working-calendar file.
    public static func calendar(_ data: Data) throws -> WorkingCalendar {
        try decode(WorkingCalendar.self, data, name: "calendar")
    }
}
