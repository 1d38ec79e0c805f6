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
    /// `pending`, `compliant`, `corrected-without-penalty` or `enforcement`.
    public var outcome: String
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
    /// Item title.
    public var description: String
    /// Responsible department.
    public var department: String
    /// `no-penalty` or `enforcement`.
    public var outcome: String
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
                "outcome",
            ],
            rows: inspections.map {
                [
                    $0.businessID, $0.inspectionCode, $0.date, $0.type, $0.lead, $0.departments,
                    String($0.itemsChecked),
                    String($0.violations), $0.outcome,
                ]
            })
    }

    /// `violations.csv`.
    public var violationsCSV: String {
        CSV.render(
            header: [
                "business_id", "inspection_code", "date", "code", "description", "department", "outcome",
                "correction_status",
            ],
            rows: violations.map {
                [
                    $0.businessID, $0.inspectionCode, $0.date, $0.code, $0.description, $0.department, $0.outcome,
                    $0.correctionStatus,
                ]
            })
    }
}
