import Crypto

/// One drawn target with its drawn inspectors.
public struct DrawnTarget: Hashable, Sendable, Codable {
    /// The entity.
    public var entity: CreditCode
    /// Its risk class for the drawing department.
    public var riskClass: RiskClass
    /// Its position in the draw order of its class (0-based).
    public var rank: Int
    /// The drawn inspectors in draw order; empty if too few eligible inspectors remained after recusal.
    public var inspectors: [InspectorID]

    /// Creates a target.
    public init(entity: CreditCode, riskClass: RiskClass, rank: Int, inspectors: [InspectorID]) {
        self.entity = entity
        self.riskClass = riskClass
        self.rank = rank
        self.inspectors = inspectors
    }
}

/// Candidate and target counts of one risk class.
public struct ClassTally: Hashable, Sendable, Codable {
    /// The class.
    public var riskClass: RiskClass
    /// Entities in the class that matched the direction.
    public var candidates: Int
    /// Entities drawn.
    public var drawn: Int
}

/// The outcome of a draw: targets in draw order (class D, C, B, A; within a class in draw
/// order), the per-class tallies and a digest anyone can recompute.
public struct DrawResult: Hashable, Sendable, Codable {
    /// The request that produced this result.
    public var request: DrawRequest
    /// Targets, class D first, each class in draw order.
    public var targets: [DrawnTarget]
    /// Per-class counts, D first.
    public var tallies: [ClassTally]
    /// Targets that could not be given enough inspectors (too many recusals); they are in
    /// ``targets`` with no inspectors.
    public var unstaffed: [CreditCode]

    /// The canonical listing the digest is computed over:
    /// a header line `JS-DRAW-RESULT-v1`, then `department=…`, `period=…`, `direction=…`, then one
    /// line per target `<class>,<rank>,<credit code>,<inspector>;<inspector>…`, each line ending in `\n`.
    public var canonicalListing: String {
        var lines = [
            "JS-DRAW-RESULT-v1", "department=\(request.department)", "period=\(request.period)",
            "direction=\(request.direction.tag)",
        ]
        for t in targets {
            lines.append(
                "\(t.riskClass.rawValue),\(t.rank),\(t.entity),\(t.inspectors.map(\.rawValue).joined(separator: ";"))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Lower-case hex SHA-256 of ``canonicalListing``.
    public var digest: String { Hex.encode(SHA256.hash(data: Array(canonicalListing.utf8))) }

    /// Turns the targets into intents for composition, numbered from `firstSequence` in target order.
    ///
    /// - Parameters:
    ///   - window: the visit window of each target (by default the whole period).
    ///   - items: the checklist items of each target.
    public func intents(
        firstSequence: UInt64, window: (DrawnTarget) -> DateRange? = { _ in nil },
        items: (DrawnTarget) -> [ChecklistItemID]
    ) -> [Intent] {
        var out: [Intent] = []
        out.reserveCapacity(targets.count)
        for (i, t) in targets.enumerated() {
            out.append(
                Intent(
                    id: IntentID(department: request.department, sequence: firstSequence + UInt64(i)),
                    entity: t.entity, window: window(t) ?? request.period, items: items(t),
                    reason: .randomDraw, inspectors: t.inspectors))
        }
        return out
    }
}
