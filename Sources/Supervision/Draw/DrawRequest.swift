/// What a department asks the random draw for: its targets for a period, and inspectors for each.
public struct DrawRequest: Hashable, Sendable, Codable {
    /// The drawing department.
    public var department: DepartmentID
    /// The period the draw is for (part of the tag, so each period draws differently).
    public var period: DateRange
    /// The seed published before the draw.
    public var seed: DrawSeed
    /// Share per risk class.
    public var rates: DrawRates
    /// Optional restriction to industries/districts.
    public var direction: DrawDirection
    /// Inspectors per target (≥ 2: enforcement needs at least two officers).
    public var inspectorsPerTarget: Int
    /// Qualifications every drawn inspector must hold.
    public var requiredQualifications: Set<Qualification>
    /// Minimum shares of scenario venues to draw in the period (the catalog's
    /// `minimumCoverage`, prorated), applied after the class rates.
    public var coverage: [CoverageRule]

    /// Creates a request.
    public init(
        department: DepartmentID, period: DateRange, seed: DrawSeed, rates: DrawRates = .default,
        direction: DrawDirection = .undirected, inspectorsPerTarget: Int = 2,
        requiredQualifications: Set<Qualification> = [], coverage: [CoverageRule] = []
    ) {
        self.department = department
        self.period = period
        self.seed = seed
        self.rates = rates
        self.direction = direction
        self.inspectorsPerTarget = inspectorsPerTarget
        self.requiredQualifications = requiredQualifications
        self.coverage = coverage
    }

    /// The tag of the stream that tops up the venues of `scenario` to its minimum coverage:
    /// `JS-DRAW-v1|coverage|<department>|<period>|<scenario>`.
    public func coverageTag(_ scenario: ScenarioID) -> String {
        "JS-DRAW-v1|coverage|\(department)|\(period)|\(scenario)"
    }

    /// The tag of the target stream for `riskClass`:
    /// `JS-DRAW-v1|targets|<department>|<period>|<direction>|<class>`.
    public func targetTag(_ riskClass: RiskClass) -> String {
        "JS-DRAW-v1|targets|\(department)|\(period)|\(direction.tag)|\(riskClass.rawValue)"
    }

    /// The tag of the inspector stream for one target:
    /// `JS-DRAW-v1|inspectors|<department>|<period>|<credit code>`.
    public func inspectorTag(_ entity: CreditCode) -> String {
        "JS-DRAW-v1|inspectors|\(department)|\(period)|\(entity)"
    }
}

/// A minimum share of a scenario's venues a department inspects in a period (the catalog's
/// `minimumCoverage`, e.g. fire 25 % of escape rooms a year, prorated to the period).
public struct CoverageRule: Hashable, Sendable, Codable {
    /// The scenario.
    public var scenario: ScenarioID
    /// Its industries: the venues are the entities of these the department rates.
    public var industries: Set<IndustryID>
    /// The share to reach in the period, in basis points.
    public var basisPoints: Int

    /// Creates a rule.
    public init(scenario: ScenarioID, industries: Set<IndustryID>, basisPoints: Int) {
        self.scenario = scenario
        self.industries = industries
        self.basisPoints = min(10_000, max(0, basisPoints))
    }

    /// The rules of `catalog`'s scenarios for `department`, each percent a year prorated to
    /// `period` like the draw rates; sorted by scenario id.
    public static func rules(_ catalog: ScenarioCatalog, department: DepartmentID, period: DateRange) -> [CoverageRule]
    {
        catalog.scenarios.compactMap { s -> CoverageRule? in
            guard let percent = s.minimumCoverage[department], percent > 0 else { return nil }
            let yearly = try? DrawRates(uniform: min(10_000, percent * 100))
            return yearly.map {
                CoverageRule(
                    scenario: s.id, industries: Set(s.industries), basisPoints: $0.prorated(to: period).a)
            }
        }.sorted { $0.scenario < $1.scenario }
    }
}
