/// The result of checking one item; kind `"finding"` (`Finding` in domain.proto).
public struct FindingPayload: EventPayload {
    /// `"finding"`.
    public static let kind = EventKind.finding

    /// The inspection the check belongs to.
    public var inspectionId: String
    /// Unified social credit code of the entity.
    public var entity: String
    /// The checklist item checked.
    public var itemId: String
    /// The result.
    public var result: FindingResult
    /// What was measured, if anything.
    public var measurements: [Quantity]
    /// SHA-256 of each piece of evidence (which stays with the origin).
    public var evidenceHashes: [Hash256]
    /// The date of the check, `YYYY-MM-DD`.
    public var recordedDate: String
    /// The item's category in the catalog the finding was recorded under (empty: not given).
    public var category: String
    /// That catalog's version (0: not given).
    public var catalogVersion: UInt64

    /// Makes a finding.
    public init(
        inspectionId: String, entity: String, itemId: String, result: FindingResult, measurements: [Quantity] = [],
        evidenceHashes: [Hash256] = [], recordedDate: String, category: String = "", catalogVersion: UInt64 = 0
    ) {
        self.inspectionId = inspectionId
        self.entity = entity
        self.itemId = itemId
        self.result = result
        self.measurements = measurements
        self.evidenceHashes = evidenceHashes
        self.recordedDate = recordedDate
        self.category = category
        self.catalogVersion = catalogVersion
    }
}

/// The result of checking an item (`FindingResult` in domain.proto).
public enum FindingResult: Hashable, Sendable {
    /// Not set (0).
    case unspecified
    /// The item is complied with.
    case compliant
    /// The item is violated.
    case violation
    /// The item does not apply to this entity.
    case notApplicable
    /// A value of a later version, kept as its number.
    case unrecognized(Int)
}

/// A measured quantity, e.g. `broken_detectors_per_floor = 1 count` (`Quantity`).
public struct Quantity: Hashable, Sendable {
    /// What was measured.
    public var name: String
    /// The measured value.
    public var value: Double
    /// The unit, e.g. `count`, `percent`.
    public var unit: String

    /// Makes a quantity.
    public init(name: String, value: Double, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}
