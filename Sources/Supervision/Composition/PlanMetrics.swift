/// Figures of a plan, next to the naive one-visit-per-intent baseline.
public struct PlanMetrics: Hashable, Sendable, Codable {
    /// Intents given.
    public var intents: Int
    /// Visits with one visit per intent (the naive baseline): equal to ``intents``.
    public var visitsBefore: Int
    /// Visits in the plan.
    public var visitsAfter: Int
    /// Entity visits saved by merging: scheduled intents minus visits.
    public var entityVisitsSaved: Int
    /// Visits with more than one department.
    public var jointVisits: Int
    /// The lower bound on visits for the intents the plan serves: per entity, the minimum number
    /// of days that meet every served intent's window (one visit per group of overlapping
    /// windows), ignoring capacity.
    public var lowerBound: Int
    /// `visitsAfter / lowerBound − 1` (0 when the bound is met).
    public var gapToLowerBound: Double
    /// Merged visits split because no day had capacity for all departments.
    public var splitForCapacity: Int
    /// Intents not scheduled.
    public var unscheduled: Int
    /// Checklist items removed as duplicates (checked once instead of by every listing department).
    public var duplicateChecksRemoved: Int
    /// Inspector-hours of the plan: Σ slots × (setup + minutes of the items the department checks).
    public var inspectorHours: Double
    /// Inspector-hours if every intent were a separate visit.
    public var naiveInspectorHours: Double

    /// Creates metrics.
    public init(
        intents: Int, visitsBefore: Int, visitsAfter: Int, entityVisitsSaved: Int, jointVisits: Int,
        lowerBound: Int, gapToLowerBound: Double, splitForCapacity: Int, unscheduled: Int,
        duplicateChecksRemoved: Int, inspectorHours: Double, naiveInspectorHours: Double
    ) {
        self.intents = intents
        self.visitsBefore = visitsBefore
        self.visitsAfter = visitsAfter
        self.entityVisitsSaved = entityVisitsSaved
        self.jointVisits = jointVisits
        self.lowerBound = lowerBound
        self.gapToLowerBound = gapToLowerBound
        self.splitForCapacity = splitForCapacity
        self.unscheduled = unscheduled
        self.duplicateChecksRemoved = duplicateChecksRemoved
        self.inspectorHours = inspectorHours
        self.naiveInspectorHours = naiveInspectorHours
    }
}
