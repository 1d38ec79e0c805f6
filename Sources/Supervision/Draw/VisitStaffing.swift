/// A visit one department must staff: its inspection code, the entity, and how many of the
/// department's inspectors it needs.
public struct VisitDemand: Hashable, Sendable, Codable {
    /// The inspection code within the plan.
    public var inspection: String
    /// The entity visited.
    public var entity: CreditCode
    /// Inspectors needed (the draw never assigns fewer than 2).
    public var slots: Int

    /// Creates a demand.
    public init(inspection: String, entity: CreditCode, slots: Int) {
        self.inspection = inspection
        self.entity = entity
        self.slots = slots
    }
}

/// The inspectors drawn for one visit, or why there are none.
public struct VisitStaffing: Hashable, Sendable, Codable {
    /// The inspection code.
    public var inspection: String
    /// The entity visited.
    public var entity: CreditCode
    /// The drawn inspectors in draw order; empty when the visit is unstaffed.
    public var inspectors: [InspectorID]
    /// Why the visit got no inspectors (too few left after recusal); `nil` when staffed.
    public var unstaffedReason: String?

    /// Creates a staffing.
    public init(inspection: String, entity: CreditCode, inspectors: [InspectorID], unstaffedReason: String? = nil) {
        self.inspection = inspection
        self.entity = entity
        self.inspectors = inspectors
        self.unstaffedReason = unstaffedReason
    }
}
