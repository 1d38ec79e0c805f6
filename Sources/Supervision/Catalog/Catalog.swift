import Foundation

/// The reference data of the bus, validated: scenarios and checklist items, no-penalty rules,
/// referral routes, draw rates, service levels and working calendars, under one version.
///
/// Every plan, draw and finding names the catalog version it was made under; an agent holds
/// every version it has seen and uses the newest for new work.
public struct Catalog: Hashable, Sendable {
    /// The document as written.
    public let document: CatalogDocument
    /// Scenarios and items, indexed.
    public let scenarios: ScenarioCatalog
    /// The no-penalty rules of every department.
    public let noPenalty: NoPenaltyRuleSet
    /// Referral routes.
    public let routing: ReferralRouting
    /// The calendars joined into one.
    public let calendar: WorkingCalendar

    /// The catalog version.
    public var version: Int { document.version }
    /// The version label.
    public var label: String { document.label }
    /// Draw rates per year.
    public var drawRates: DrawRates { document.drawRates }
    /// Referral service levels.
    public var serviceLevels: ServiceLevels { document.serviceLevels }
    /// What follows from findings under this catalog.
    public var engine: ConsequenceEngine { ConsequenceEngine(catalog: scenarios, rules: noPenalty, routing: routing) }

    /// Validates `document`. Throws ``SupervisionError`` naming the first problem: the format,
    /// a repeated or unknown id, a rule about an item without that measure, a contradictory
    /// route or rule, calendars that overlap or leave gaps.
    public init(_ document: CatalogDocument) throws {
        guard document.format == CatalogDocument.formatName, document.formatVersion == 1 else {
            throw SupervisionError(
                .invalidResource,
                "not a catalog: format is '\(document.format)' version \(document.formatVersion), expected '\(CatalogDocument.formatName)' version 1"
            )
        }
        guard document.version >= 1, !document.label.isEmpty else {
            throw SupervisionError(.invalidParameter, "a catalog needs a version ≥ 1 and a label")
        }
        let label = "\(document.version)"
        scenarios = try ScenarioCatalog(version: label, scenarios: document.scenarios, items: document.items)
        for rule in document.noPenaltyRules {
            guard let item = scenarios.item(rule.item) else {
                throw SupervisionError(
                    .unknownItem,
                    "no-penalty rule '\(rule.id)' is about item '\(rule.item)', which the catalog does not define")
            }
            guard item.measure == rule.measure else {
                throw SupervisionError(
                    .invalidParameter,
                    "no-penalty rule '\(rule.id)' measures '\(rule.measure)' but item '\(rule.item)' measures '\(item.measure.map(\.rawValue) ?? "nothing")'"
                )
            }
        }
        noPenalty = try NoPenaltyRuleSet(
            version: label, lookbackDays: document.lookbackDays, rules: document.noPenaltyRules)
        routing = try ReferralRouting(version: label, routes: document.routes)
        for entry in document.calendars where entry.calendar.coverage == nil {
            throw SupervisionError(
                .invalidParameter, "calendar '\(entry.id)' has no coverage: give \"covers\": {\"start\": …, \"end\": …}"
            )
        }
        calendar = try WorkingCalendar(merging: document.calendars.map(\.calendar))
        self.document = document
    }

    /// Decodes and validates a document body (JSON).
    public static func decode(_ bytes: [UInt8]) throws -> Catalog {
        try Catalog(DataFiles.decode(CatalogDocument.self, Data(bytes), name: "catalog"))
    }

    /// The document as JSON with sorted keys: what the authority signs.
    public func encoded(pretty: Bool = true) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        return Array((try? encoder.encode(document)) ?? Data())
    }

    /// The category of findings about `item` (`nil`: the catalog does not define it).
    public func category(of item: ChecklistItemID) -> ItemCategory? { scenarios.item(item)?.category }
}
