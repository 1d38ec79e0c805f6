/// The result of auditing a copy of an agent's store (``StoreAudit``): every check's counts and
/// the first break, in the audit's deterministic order. Codable for `jointctl audit verify --json`.
public struct StoreAuditReport: Sendable, Codable, Hashable {
    /// The audited file.
    public var store: String
    /// The department that owns the store (`meta`), when readable.
    public var department: String?
    /// The store's schema version (`meta`), when readable.
    public var schema: Int?
    /// `true` when every check passed: no break.
    public var intact: Bool
    /// `false` when an SQLite error (a corrupt file) stopped the audit before the end.
    public var complete: Bool
    /// The first failed check, `nil` when intact.
    public var firstBreak: AuditBreak?
    /// The membership versions in the store whose documents verified against the anchor.
    public var verifiedMemberships: [Int]
    /// The signing keys (department, key id) from those documents that checkpoints verify with.
    public var signingKeys: Int
    /// Every origin held, sorted by id (byte order).
    public var origins: [OriginAudit]
    /// One tally per check, in ``AuditCheck`` order.
    public var tallies: [AuditTally]
    /// The evidence of equivocations the store holds, each checked against the memberships'
    /// keys: an intact store can hold proof that an origin signed two logs.
    public var equivocations: [AuditedEquivocation]

    /// Creates a report.
    public init(
        store: String, department: String? = nil, schema: Int? = nil, complete: Bool = true,
        firstBreak: AuditBreak? = nil, verifiedMemberships: [Int] = [], signingKeys: Int = 0,
        origins: [OriginAudit] = [], tallies: [AuditTally] = AuditCheck.allCases.map { AuditTally(check: $0) },
        equivocations: [AuditedEquivocation] = []
    ) {
        self.store = store
        self.department = department
        self.schema = schema
        self.intact = firstBreak == nil
        self.complete = complete
        self.firstBreak = firstBreak
        self.verifiedMemberships = verifiedMemberships
        self.signingKeys = signingKeys
        self.origins = origins
        self.tallies = tallies
        self.equivocations = equivocations
    }

    /// The tally of `check`.
    public func tally(_ check: AuditCheck) -> AuditTally {
        tallies.first { $0.check == check } ?? AuditTally(check: check)
    }

    /// Events held, all origins.
    public var events: Int { origins.reduce(0) { $0 + $1.events } }

    /// A summary for people: the verdict (the break first), then the origins and every check's counts.
    public var summary: String {
        var lines: [String] = []
        if let firstBreak {
            lines.append("BREAK at \(firstBreak.location): \(firstBreak.check.rawValue) check failed")
            lines.append("  expected: \(firstBreak.expected)")
            lines.append("  found:    \(firstBreak.found)")
        } else {
            lines.append("INTACT: every check passed")
        }
        if !complete { lines.append("the audit stopped early: the file could not be read to the end") }
        for evidence in equivocations {
            let verdict = evidence.problem.map { "NOT proven: \($0)" } ?? "signature verified"
            lines.append(
                "EQUIVOCATION: \(evidence.origin) signed two different events at seq \(evidence.seq) (held \(evidence.heldHash.prefix(16)), \(evidence.peer) sent \(evidence.otherHash.prefix(16)); \(verdict))"
            )
        }
        let owner = department.map { "department \($0)" } ?? "department unknown"
        lines.append("store \(store): \(owner), schema \(schema.map(String.init) ?? "?"), \(events) events")
        let versions = verifiedMemberships.map(String.init).joined(separator: ", ")
        lines.append(
            "memberships verified: \(versions.isEmpty ? "none" : versions) (\(signingKeys) signing keys)")
        if !origins.isEmpty {
            lines.append("")
            lines += Self.table(
                ["origin", "events", "last seq", "checkpoints", "withheld"],
                origins.map {
                    [$0.origin, "\($0.events)", "\($0.lastSeq)", "\($0.checkpoints)", "\($0.withheldPayloads)"]
                })
        }
        lines.append("")
        lines += Self.table(
            ["check", "checked", "failed", "unknown", "what"],
            tallies.map {
                [$0.check.rawValue, "\($0.checked)", "\($0.failed)", "\($0.unknown)", $0.check.summary]
            })
        return lines.joined(separator: "\n")
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
