/// A measured quantity, e.g. "route obstructed 15%" (`route-obstructed-percent`, 15) or
/// "2 detectors broken" (`detectors-broken-per-floor`, 2).
public struct Measurement: Hashable, Sendable, Codable {
    /// What was measured; the rule data gives its unit.
    public var kind: MeasureKind
    /// The value (count or percent).
    public var value: Double

    /// Creates a measurement.
    public init(kind: MeasureKind, value: Double) {
        self.kind = kind
        self.value = value
    }
}

/// A SHA-256 digest of an evidence file (photo, video, record), as 64 lower-case hex digits.
/// The file itself stays with its owner; only the hash travels.
public struct EvidenceHash: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 64 lower-case hex digits.
    public let hex: String

    /// Validates the hex; throws ``SupervisionError/Code/invalidParameter``.
    public init(_ hex: String) throws {
        let lower = hex.lowercased()
        guard lower.utf8.count == 64, Hex.decode(lower) != nil else {
            throw SupervisionError(.invalidParameter, "evidence hash '\(hex)' is not 64 hex digits of SHA-256")
        }
        self.hex = lower
    }

    /// The hex digits.
    public var description: String { hex }

    /// Decodes and validates.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes the hex.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }
}

/// The result of checking one item.
public enum FindingResult: String, Hashable, Sendable, Codable, CaseIterable {
    /// Meets the requirement.
    case compliant
    /// Does not meet it.
    case violation
    /// Does not apply to this entity.
    case notApplicable
}

/// What an inspector found for one checklist item at one entity.
public struct Finding: Hashable, Sendable, Codable {
    /// Identity, unique within the recording department.
    public var id: FindingID
    /// The inspection code (``JointInspection/code``) of the visit, if it came from one.
    public var inspectionCode: String?
    /// The entity.
    public var entity: CreditCode
    /// The department whose inspectors recorded it.
    public var recordedBy: DepartmentID
    /// Day of the finding.
    public var date: CivilDate
    /// The item checked.
    public var item: ChecklistItemID
    /// The result.
    public var result: FindingResult
    /// The measured quantity, if the item measures one.
    public var measurement: Measurement?
    /// Whether the problem was corrected on the spot (当场改正).
    public var correctedOnSpot: Bool
    /// Hashes of the evidence.
    public var evidence: [EvidenceHash]
    /// Free-text note for the file; never published.
    public var note: String?

    /// Creates a finding.
    public init(
        id: FindingID, inspectionCode: String? = nil, entity: CreditCode, recordedBy: DepartmentID,
        date: CivilDate, item: ChecklistItemID, result: FindingResult, measurement: Measurement? = nil,
        correctedOnSpot: Bool = false, evidence: [EvidenceHash] = [], note: String? = nil
    ) {
        self.id = id
        self.inspectionCode = inspectionCode
        self.entity = entity
        self.recordedBy = recordedBy
        self.date = date
        self.item = item
        self.result = result
        self.measurement = measurement
        self.correctedOnSpot = correctedOnSpot
        self.evidence = evidence
        self.note = note
    }
}
