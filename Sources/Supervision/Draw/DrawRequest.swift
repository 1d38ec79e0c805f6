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

    /// Creates a request.
    public init(
        department: DepartmentID, period: DateRange, seed: DrawSeed, rates: DrawRates = .default,
        direction: DrawDirection = .undirected, inspectorsPerTarget: Int = 2,
        requiredQualifications: Set<Qualification> = []
    ) {
        self.department = department
        self.period = period
        self.seed = seed
        self.rates = rates
        self.direction = direction
        self.inspectorsPerTarget = inspectorsPerTarget
        self.requiredQualifications = requiredQualifications
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
