/// A business in the open data (LIVES `businesses` table shape).
public struct BusinessRow: Hashable, Sendable, Codable {
    /// Credit code (the business id).
    public var businessID: String
    /// Registered name (individual businesses' names are withheld by default: they may be a person's name).
    public var name: String
    /// Address.
    public var address: String
    /// City.
    public var city: String
    /// District.
    public var district: String
    /// Industry.
    public var industry: String
}

/// An inspection in the open data (LIVES `inspections` shape).
public struct InspectionRow: Hashable, Sendable, Codable {
    /// Credit code.
    public var businessID: String
    /// Inspection code.
    public var inspectionCode: String
    /// Day, `YYYYMMDD`.
    public var date: String
    /// `joint` or `single`.
    public var type: String
    /// Lead department.
    public var lead: String
    /// Departments, `;`-separated.
    public var departments: String
    /// Number of checklist items.
    public var itemsChecked: Int
    /// Number of violations.
    public var violations: Int
    /// `compliant`, `corrected-without-penalty` or `enforcement` (``DisclosedOutcome``).
    public var outcome: String
    /// The outcome in Chinese.
    public var outcomeZh: String
}

/// A violation in the open data (LIVES `violations` shape).
public struct ViolationRow: Hashable, Sendable, Codable {
    /// Credit code.
    public var businessID: String
    /// Inspection code ("" if not from a planned visit).
    public var inspectionCode: String
    /// Day, `YYYYMMDD`.
    public var date: String
    /// Item id (the violation code).
    public var code: String
    /// Item title (English).
    public var description: String
    /// Item title (Chinese).
    public var descriptionZh: String
    /// The department that recorded the outcome.
    public var department: String
    /// `no-penalty` or `enforcement` (``DisclosedOutcome``).
    public var outcome: String
    /// The outcome in Chinese.
    public var outcomeZh: String
    /// `corrected-on-spot`, `due YYYY-MM-DD` or `case-opened`.
    public var correctionStatus: String
}

/// The three open tables (一公开). They contain no inspector ids, no notes, no evidence and no
/// citizen data.
public struct DisclosureTables: Hashable, Sendable, Codable {
    /// Businesses inspected.
    public var businesses: [BusinessRow]
    /// Inspections.
    public var inspections: [InspectionRow]
    /// Violations.
    public var violations: [ViolationRow]
    /// What is not published yet, and why.
    public var withheld: Withheld

    /// Counts of what the tables leave out until it is decided.
    public struct Withheld: Hashable, Sendable, Codable {
        /// Agreed visits without results yet (planned, future or not recorded).
        public var visitsWithoutResults = 0
        /// Visits with a violation whose outcome is not recorded yet.
        public var visitsAwaitingDecision = 0
        /// Violations whose outcome is not recorded yet (e.g. referred and not decided).
        public var violationsAwaitingDecision = 0

        /// No counts.
        public init() {}
    }

    /// `businesses.csv`.
    public var businessesCSV: String {
        CSV.render(
            header: ["business_id", "name", "address", "city", "district", "industry"],
            rows: businesses.map { [$0.businessID, $0.name, $0.address, $0.city, $0.district, $0.industry] })
    }

    /// `inspections.csv`.
    public var inspectionsCSV: String {
        CSV.render(
            header: [
                "business_id", "inspection_code", "date", "type", "lead", "departments", "items_checked", "violations",
                "outcome", "outcome_zh",
            ],
            rows: inspections.map {
                [
                    $0.businessID, $0.inspectionCode, $0.date, $0.type, $0.lead, $0.departments,
                    String($0.itemsChecked),
                    String($0.violations), $0.outcome, $0.outcomeZh,
                ]
            })
    }

    /// `violations.csv`.
    public var violationsCSV: String {
        CSV.render(
            header: [
                "business_id", "inspection_code", "date", "code", "description", "description_zh", "department",
                "outcome", "outcome_zh", "correction_status",
            ],
            rows: violations.map {
                [
                    $0.businessID, $0.inspectionCode, $0.date, $0.code, $0.description, $0.descriptionZh,
                    $0.department, $0.outcome, $0.outcomeZh, $0.correctionStatus,
                ]
            })
    }
}
