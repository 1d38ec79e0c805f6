/// A department ran a verifiable random draw; kind `"draw"` (`DrawRecord` in domain.proto).
public struct DrawRecordPayload: EventPayload {
    /// `"draw"`.
    public static let kind = EventKind.draw

    /// Department id of the drawing department.
    public var department: String
    /// The draw's period, e.g. `2026-Q3`.
    public var period: String
    /// The seed published before the draw.
    public var seed: String
    /// Version of the draw algorithm, e.g. `draw/1`.
    public var algorithmVersion: String
    /// SHA-256 over the canonical list of drawn targets (defined by the domain layer).
    public var resultHash: Hash256
    /// Number of targets drawn.
    public var targetCount: UInt32
    /// SHA-256 of the canonical register snapshot the draw read (`nil` in older records).
    public var registerHash: Hash256?
    /// SHA-256 of the canonical roster snapshot the draw read (`nil` in older records).
    public var rosterHash: Hash256?
    /// The catalog version whose prorated draw rates the draw used (0: not named).
    public var catalogVersion: UInt64

    /// Makes a draw record.
    public init(
        department: String, period: String, seed: String, algorithmVersion: String, resultHash: Hash256,
        targetCount: UInt32, registerHash: Hash256? = nil, rosterHash: Hash256? = nil, catalogVersion: UInt64 = 0
    ) {
        self.department = department
        self.period = period
        self.seed = seed
        self.algorithmVersion = algorithmVersion
        self.resultHash = resultHash
        self.targetCount = targetCount
        self.registerHash = registerHash
        self.rosterHash = rosterHash
        self.catalogVersion = catalogVersion
    }
}
