/// One no-penalty rule (免罚清单 entry): a violation of `item` whose measurement of `measure` is
/// within `minimum...maximum`, detected for the first time (and corrected on the spot where
/// required), gets a reminder and a correction deadline instead of a penalty.
/// Law: 行政处罚法 (2021) art. 33.
public struct NoPenaltyRule: Hashable, Sendable, Codable {
    /// Identity, e.g. `fire.np.route`.
    public var id: RuleID
    /// The department that applies the rule.
    public var department: DepartmentID
    /// The item it is about.
    public var item: ChecklistItemID
    /// The measured quantity.
    public var measure: MeasureKind
    /// Smallest value covered (inclusive; default 0).
    public var minimum: Double
    /// Largest value covered (inclusive), e.g. 20 for "≤ 20% of the width".
    public var maximum: Double
    /// Whether the violation must be corrected on the spot.
    public var requiresCorrectionOnSpot: Bool
    /// Working days given to correct (0: the same day).
    public var correctionWorkingDays: Int
    /// Working days, after the correction deadline, within which the re-inspection takes place.
    public var reinspectionWorkingDays: Int
    /// Text of the rule.
    public var description: String
    /// Legal basis.
    public var legalBasis: String

    /// Creates a rule.
    public init(
        id: RuleID, department: DepartmentID, item: ChecklistItemID, measure: MeasureKind, minimum: Double = 0,
        maximum: Double, requiresCorrectionOnSpot: Bool = false, correctionWorkingDays: Int = 5,
        reinspectionWorkingDays: Int = 10, description: String = "", legalBasis: String = "行政处罚法 (2021) 第三十三条"
    ) {
        self.id = id
        self.department = department
        self.item = item
        self.measure = measure
        self.minimum = minimum
        self.maximum = maximum
        self.requiresCorrectionOnSpot = requiresCorrectionOnSpot
        self.correctionWorkingDays = correctionWorkingDays
        self.reinspectionWorkingDays = reinspectionWorkingDays
        self.description = description
        self.legalBasis = legalBasis
    }

    private enum CodingKeys: String, CodingKey {
        case id, department, item, measure, minimum, maximum, requiresCorrectionOnSpot, correctionWorkingDays,
            reinspectionWorkingDays, description, legalBasis
    }

    /// Decodes; `minimum`, `requiresCorrectionOnSpot`, the day counts, `description` and `legalBasis` are optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(RuleID.self, forKey: .id),
            department: try c.decode(DepartmentID.self, forKey: .department),
            item: try c.decode(ChecklistItemID.self, forKey: .item),
            measure: try c.decode(MeasureKind.self, forKey: .measure),
            minimum: try c.decodeIfPresent(Double.self, forKey: .minimum) ?? 0,
            maximum: try c.decode(Double.self, forKey: .maximum),
            requiresCorrectionOnSpot: try c.decodeIfPresent(Bool.self, forKey: .requiresCorrectionOnSpot) ?? false,
            correctionWorkingDays: try c.decodeIfPresent(Int.self, forKey: .correctionWorkingDays) ?? 5,
            reinspectionWorkingDays: try c.decodeIfPresent(Int.self, forKey: .reinspectionWorkingDays) ?? 10,
            description: try c.decodeIfPresent(String.self, forKey: .description) ?? "",
            legalBasis: try c.decodeIfPresent(String.self, forKey: .legalBasis) ?? "行政处罚法 (2021) 第三十三条")
    }

    /// Whether `value` is within the rule's range.
    public func covers(_ value: Double) -> Bool { minimum <= value && value <= maximum }
}
