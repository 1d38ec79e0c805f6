/// Projection of inspection results into open tables (一公开).
public enum Disclosure {
    /// Options of the projection.
    public struct Options: Hashable, Sendable, Codable {
        /// City column value (default 上海市).
        public var city: String
        /// Replace the names of individual businesses (个体工商户), which may be a person's name,
        /// by `个体工商户` (default true).
        public var withholdIndividualNames: Bool

        /// Creates options.
        public init(city: String = "上海市", withholdIndividualNames: Bool = true) {
            self.city = city
            self.withholdIndividualNames = withholdIndividualNames
        }
    }

    /// Projects visits, their findings and the findings' evaluations into open tables.
    ///
    /// Findings are linked to visits by ``Finding/inspectionCode``; violations without a visit are
    /// listed with an empty inspection code. Nothing personal is copied: no inspector ids, notes,
    /// evidence or complaint references.
    public static func project(
        inspections: [JointInspection], findings: [Finding], evaluations: [Evaluation], register: Register,
        catalog: ScenarioCatalog, options: Options = .init()
    ) -> DisclosureTables {
        var evaluationOf: [FindingID: Evaluation] = [:]
        for e in evaluations { evaluationOf[e.finding] = e }
        var findingsOf: [String: [Finding]] = [:]
        for f in findings { findingsOf[f.inspectionCode ?? "", default: []].append(f) }

        var codes = Set<CreditCode>()
        var inspectionRows: [InspectionRow] = []
        for v in inspections {
            codes.insert(v.entity)
            let found = findingsOf[v.code] ?? []
            let violations = found.filter { $0.result == .violation }
            let consequences = violations.compactMap { evaluationOf[$0.id]?.consequence }
            let outcome: String
            if found.isEmpty {
                outcome = "pending"
            } else if consequences.contains(where: { if case .enforcement = $0 { true } else { false } }) {
                outcome = "enforcement"
            } else if !violations.isEmpty {
                outcome = "corrected-without-penalty"
            } else {
                outcome = "compliant"
            }
            inspectionRows.append(
                InspectionRow(
                    businessID: v.entity.description, inspectionCode: v.code, date: String(v.date.compact),
                    type: v.isJoint ? "joint" : "single", lead: v.lead.rawValue,
                    departments: v.departments.map(\.rawValue).joined(separator: ";"), itemsChecked: v.checklist.count,
                    violations: violations.count, outcome: outcome))
        }

        var violationRows: [ViolationRow] = []
        for f in findings where f.result == .violation {
            codes.insert(f.entity)
            let evaluation = evaluationOf[f.id]
            let outcome: String
            let status: String
            switch evaluation?.consequence {
            case .noPenalty(let d)?:
                outcome = "no-penalty"
                status = f.correctedOnSpot ? "corrected-on-spot" : "due \(d.correctionDeadline)"
            case .enforcement?:
                outcome = "enforcement"
                status = f.correctedOnSpot ? "corrected-on-spot" : "case-opened"
            default:
                outcome = "pending"
                status = f.correctedOnSpot ? "corrected-on-spot" : "pending"
            }
            violationRows.append(
                ViolationRow(
                    businessID: f.entity.description, inspectionCode: f.inspectionCode ?? "",
                    date: String(f.date.compact),
                    code: f.item.rawValue, description: catalog.item(f.item)?.title ?? f.item.rawValue,
                    department: (evaluation?.responsible ?? f.recordedBy).rawValue, outcome: outcome,
                    correctionStatus: status))
        }

        let businesses: [BusinessRow] = codes.sorted().compactMap { code in
            guard let e = register.entity(code) else { return nil }
            let name = options.withholdIndividualNames && code.isIndividualBusiness ? "个体工商户" : e.name
            return BusinessRow(
                businessID: code.description, name: name, address: e.address, city: options.city,
                district: e.district.rawValue, industry: e.industry.rawValue)
        }
        inspectionRows.sort { ($0.date, $0.inspectionCode) < ($1.date, $1.inspectionCode) }
        violationRows.sort { ($0.date, $0.businessID, $0.code) < ($1.date, $1.businessID, $1.code) }
        return DisclosureTables(businesses: businesses, inspections: inspectionRows, violations: violationRows)
    }
}
