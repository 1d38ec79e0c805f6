/// How many inspections a department can staff per working day.
///
/// A visit uses `max(inspectorsPerVisit, named inspectors)` inspector slots of each
/// participating department; a department has `inspectors × inspectionsPerInspectorPerDay`
/// slots per working day, and each named inspector takes part in at most
/// `inspectionsPerInspectorPerDay` visits a day.
public struct DepartmentCapacity: Hashable, Sendable, Codable {
    /// Inspectors available for field work.
    public var inspectors: Int
    /// Inspections one inspector can take part in per working day.
    public var inspectionsPerInspectorPerDay: Int
    /// Inspectors the department sends to a visit (at least 2).
    public var inspectorsPerVisit: Int
    /// Days the department cannot take part in visits (it said so when declining).
    public var unavailable: Set<CivilDate> = []

    /// Creates a capacity; throws ``SupervisionError/Code/emptyRoster`` for no inspectors and
    /// ``SupervisionError/Code/invalidParameter`` for non-positive rates or fewer than 2 per visit.
    public init(inspectors: Int, inspectionsPerInspectorPerDay: Int = 2, inspectorsPerVisit: Int = 2) throws {
        guard inspectors > 0 else {
            throw SupervisionError(
                .emptyRoster, "a department needs at least one inspector to take part in inspections")
        }
        guard inspectionsPerInspectorPerDay > 0, inspectorsPerVisit >= 2, inspectorsPerVisit <= inspectors else {
            throw SupervisionError(
                .invalidParameter,
                "inspectionsPerInspectorPerDay must be ≥ 1 and inspectorsPerVisit between 2 and the number of inspectors"
            )
        }
        self.inspectors = inspectors
        self.inspectionsPerInspectorPerDay = inspectionsPerInspectorPerDay
        self.inspectorsPerVisit = inspectorsPerVisit
    }

    /// Inspector slots per working day.
    public var slotsPerDay: Int { inspectors * inspectionsPerInspectorPerDay }
}
