/// The catalog as the configuration authority writes and signs it: one JSON document with
/// every piece of reference data the departments share (Protocols/spec/2-JSC.md).
///
/// This is the editable form (`jointctl catalog draft` prints it); ``Catalog`` is the validated
/// one that agents use.
public struct CatalogDocument: Hashable, Sendable, Codable {
    /// `joint-supervision/catalog`.
    public static let formatName = "joint-supervision/catalog"

    /// Always ``formatName``.
    public var format: String
    /// Version of the format (1).
    public var formatVersion: Int
    /// Version of the catalog: 1, 2, …; agents adopt only newer versions.
    public var version: Int
    /// A label for people, e.g. `2026.2`.
    public var label: String
    /// Checklist items (检查事项): owner, legal basis, category, measure.
    public var items: [ChecklistItem]
    /// Scenarios (监管一件事场景) in precedence order; the departments' baseline lists are
    /// scenarios with `isJoint` false.
    public var scenarios: [Scenario]
    /// A violation is a first violation when the entity had none of the same item within this
    /// many days (`nil`: ever).
    public var lookbackDays: Int?
    /// No-penalty rules (免罚清单) of every department.
    public var noPenaltyRules: [NoPenaltyRule]
    /// Referral routes (线索移送): category → responsible department.
    public var routes: [ReferralRoute]
    /// Draw rates per risk class, per year; agents prorate them to the period they draw for.
    public var drawRates: DrawRates
    /// Referral service levels.
    public var serviceLevels: ServiceLevels
    /// Working calendars of consecutive periods (one per year).
    public var calendars: [CatalogCalendar]

    /// Creates a document.
    public init(
        version: Int, label: String, items: [ChecklistItem], scenarios: [Scenario], lookbackDays: Int? = 365,
        noPenaltyRules: [NoPenaltyRule], routes: [ReferralRoute], drawRates: DrawRates = .default,
        serviceLevels: ServiceLevels = .default, calendars: [CatalogCalendar]
    ) {
        self.format = Self.formatName
        self.formatVersion = 1
        self.version = version
        self.label = label
        self.items = items
        self.scenarios = scenarios
        self.lookbackDays = lookbackDays
        self.noPenaltyRules = noPenaltyRules
        self.routes = routes
        self.drawRates = drawRates
        self.serviceLevels = serviceLevels
        self.calendars = calendars
    }
}
