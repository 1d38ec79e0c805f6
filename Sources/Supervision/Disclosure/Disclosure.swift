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

    /// Projects visits, their findings and the outcomes recorded for them into open tables.
    ///
    /// Only what was decided is published: a visit appears once it has results and every
    /// violation found there has a recorded outcome; a violation appears once its outcome is
    /// recorded, with that outcome (never re-evaluated here). Planned visits without results and
    /// undecided violations are only counted in ``DisclosureTables/withheld``. Findings are linked
    /// to visits by ``Finding/inspectionCode``. Nothing personal is copied: no inspector ids,
    /// notes, evidence or complaint references. The rows depend only on the inputs, so agents
    /// holding the same events publish the same rows.
    public static func project(
        inspections: [JointInspection], findings: [Finding], outcomes: [RecordedOutcome], register: Register,
        catalog: ScenarioCatalog, options: Options = .init()
    ) -> DisclosureTables {
        var outcomeOf: [FindingID: RecordedOutcome] = [:]
        for o in outcomes.sorted(by: { $0.finding < $1.finding }) where outcomeOf[o.finding] == nil {
            outcomeOf[o.finding] = o
        }
        var findingsOf: [String: [Finding]] = [:]
        for f in findings { findingsOf[f.inspectionCode ?? "", default: []].append(f) }
        var withheld = DisclosureTables.Withheld()

        var codes = Set<CreditCode>()
        var inspectionRows: [InspectionRow] = []
        for v in inspections {
            let found = findingsOf[v.code] ?? []
            guard !found.isEmpty else {
                withheld.visitsWithoutResults += 1
                continue
            }
            let violations = found.filter { $0.result == .violation }
            let decided = violations.compactMap { outcomeOf[$0.id] }
            guard decided.count == violations.count else {
                withheld.visitsAwaitingDecision += 1
                continue
            }
            codes.insert(v.entity)
            let outcome: DisclosedOutcome =
                decided.contains { $0.decision == .enforcement }
                ? .enforcement : violations.isEmpty ? .compliant : .correctedWithoutPenalty
            inspectionRows.append(
                InspectionRow(
                    businessID: v.entity.description, inspectionCode: v.code, date: String(v.date.compact),
                    type: v.isJoint ? "joint" : "single", lead: v.lead.rawValue,
                    departments: v.departments.map(\.rawValue).joined(separator: ";"), itemsChecked: v.checklist.count,
                    violations: violations.count, outcome: outcome.rawValue, outcomeZh: outcome.zh))
        }

        var violationRows: [ViolationRow] = []
        for f in findings where f.result == .violation {
            guard let recorded = outcomeOf[f.id] else {
                withheld.violationsAwaitingDecision += 1
                continue
            }
            codes.insert(f.entity)
            let outcome: DisclosedOutcome
            let status: String
            switch recorded.decision {
            case .noPenalty(let deadline?):
                outcome = .noPenalty
                status = "due \(deadline)"
            case .noPenalty(nil):
                outcome = .noPenalty
                status = "corrected-on-spot"
            case .enforcement:
                outcome = .enforcement
                status = "case-opened"
            }
            let item = catalog.item(f.item)
            violationRows.append(
                ViolationRow(
                    businessID: f.entity.description, inspectionCode: f.inspectionCode ?? "",
                    date: String(f.date.compact), code: f.item.rawValue, description: item?.title ?? f.item.rawValue,
                    descriptionZh: item?.titleZh ?? "", department: recorded.decidedBy.rawValue,
                    outcome: outcome.rawValue, outcomeZh: outcome.zh, correctionStatus: status))
        }

        let businesses: [BusinessRow] = codes.sorted().compactMap { code in
            guard let e = register.entity(code) else { return nil }
            let name = options.withholdIndividualNames && code.isIndividualBusiness ? "个体工商户" : e.name
            return BusinessRow(
                businessID: code.description, name: name, address: e.address, city: options.city,
                district: e.district.rawValue, industry: e.industry.rawValue)
        }
        inspectionRows.sort { ($0.date, $0.inspectionCode) < ($1.date, $1.inspectionCode) }
        violationRows.sort {
            ($0.date, $0.businessID, $0.code, $0.inspectionCode) < ($1.date, $1.businessID, $1.code, $1.inspectionCode)
        }
        return DisclosureTables(
            businesses: businesses, inspections: inspectionRows, violations: violationRows, withheld: withheld)
    }
}

/// An outcome as the deciding department recorded it (an `outcome` event).
public struct RecordedOutcome: Hashable, Sendable, Codable {
    /// What was decided.
    public enum Decision: Hashable, Sendable, Codable {
        /// No penalty (免罚), with the correction deadline (`nil`: corrected on the spot).
        case noPenalty(correctionDeadline: CivilDate?)
        /// Enforcement: a case was opened.
        case enforcement
    }

    /// The decided finding.
    public var finding: FindingID
    /// The deciding department.
    public var decidedBy: DepartmentID
    /// The decision.
    public var decision: Decision

    /// Creates an outcome.
    public init(finding: FindingID, decidedBy: DepartmentID, decision: Decision) {
        self.finding = finding
        self.decidedBy = decidedBy
        self.decision = decision
    }
}

/// The published outcome of a visit or a violation, with its Chinese label.
public enum DisclosedOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// No violation found.
    case compliant
    /// Violations found, all without penalty.
    case correctedWithoutPenalty = "corrected-without-penalty"
    /// A violation without penalty (免罚).
    case noPenalty = "no-penalty"
    /// A case was opened.
    case enforcement

    /// The Chinese label.
    public var zh: String {
        switch self {
        case .compliant: "未发现问题"
        case .correctedWithoutPenalty: "免罚并责令改正"
        case .noPenalty: "免罚"
        case .enforcement: "立案查处"
        }
    }
}
