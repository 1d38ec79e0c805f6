import Crypto
import Foundation
import Supervision
import SupervisionBus

/// What a catalog holds, as `jointctl catalog show|current` print it.
public struct CatalogSummary: Hashable, Sendable, Codable {
    /// Catalog version.
    public var version: Int
    /// Its label.
    public var label: String
    /// SHA-256 (hex) of the document body as signed (of its canonical JSON for the bundled one).
    public var digest: String
    /// The signing authority and key (`nil`: the bundled catalog, unsigned).
    public var authority: String?
    /// The signing key id.
    public var keyId: UInt32?
    /// Scenario ids in precedence order.
    public var scenarios: [String]
    /// Number of checklist items.
    public var items: Int
    /// Departments owning items, sorted.
    public var departments: [String]
    /// Number of no-penalty rules, by department.
    public var noPenaltyRules: [String: Int]
    /// Number of referral routes.
    public var routes: Int
    /// The days the calendars cover, `start/end`.
    public var calendarCoverage: String
    /// Calendar ids.
    public var calendars: [String]
    /// The versions the agent holds (only in replies of agents).
    public var held: [Int]?
    /// The document body (JSON), when asked for.
    public var body: String?

    /// Summarises `catalog`, signed as `signed` (or bundled).
    public init(_ catalog: Catalog, signed: SignedCatalog?, held: [Int]? = nil, includeBody: Bool = false) {
        let bytes = signed?.envelope.document ?? catalog.encoded()
        version = catalog.version
        label = catalog.label
        digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        authority = signed?.envelope.authority
        keyId = signed?.envelope.keyID
        scenarios = catalog.scenarios.scenarios.map(\.id.rawValue)
        items = catalog.scenarios.items.count
        departments = Set(catalog.scenarios.items.map(\.owner.rawValue)).sorted()
        noPenaltyRules = Dictionary(grouping: catalog.noPenalty.rules, by: \.department.rawValue).mapValues(\.count)
        routes = catalog.routing.routes.count
        calendarCoverage = catalog.calendar.coverage.map(\.description) ?? "unbounded"
        calendars = catalog.document.calendars.map(\.id)
        self.held = held
        body = includeBody ? String(decoding: catalog.encoded(), as: UTF8.self) : nil
    }
}
