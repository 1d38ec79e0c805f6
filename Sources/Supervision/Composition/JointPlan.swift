/// A composed plan: visits in canonical order, unscheduled intents, metrics and the plan hash.
///
/// Two departments that compose the same intents with the same register, catalog, calendar,
/// capacities and parameters get the same plan and the same ``hash``, whatever the order in which
/// they received the intents.
public struct JointPlan: Hashable, Sendable, Codable {
    /// Visits sorted by date, then entity, then ordinal.
    public var inspections: [JointInspection]
    /// Intents not scheduled, sorted by intent id.
    public var unscheduled: [UnscheduledIntent]
    /// Figures of the plan.
    public var metrics: PlanMetrics
    /// Lower-case hex SHA-256 of ``canonicalEncoding()``.
    public var hash: String

    /// Creates a plan and computes its hash.
    public init(inspections: [JointInspection], unscheduled: [UnscheduledIntent], metrics: PlanMetrics) {
        self.inspections = inspections
        self.unscheduled = unscheduled
        self.metrics = metrics
        var writer = CanonicalWriter(hashing: true, keepBytes: false)
        JointPlan.encode(inspections: inspections, unscheduled: unscheduled, into: &writer)
        self.hash = writer.finishHash()
    }

    /// The canonical byte encoding ("JS-PLAN v1", specified in docs/Supervision.md): independent of
    /// input order, identical on every machine.
    public func canonicalEncoding() -> [UInt8] {
        var writer = CanonicalWriter(hashing: false, keepBytes: true)
        JointPlan.encode(inspections: inspections, unscheduled: unscheduled, into: &writer)
        return writer.bytes
    }

    /// Recomputes the hash from the content (to verify a received plan).
    public func computedHash() -> String {
        var writer = CanonicalWriter(hashing: true, keepBytes: false)
        JointPlan.encode(inspections: inspections, unscheduled: unscheduled, into: &writer)
        return writer.finishHash()
    }

    private static func encode(_ v: borrowing JointInspection, into w: inout CanonicalWriter) {
        w.date(v.date)
        w.code(v.entity)
        w.u16(v.ordinal)
        w.str(v.lead.rawValue)
        w.str(v.scenario?.rawValue ?? "")
        w.u8(v.separateReason?.wireCode ?? 0)
        w.u16(v.participants.count)
        for p in v.participants.indices { encode(v.participants[p], into: &w) }
        w.u16(v.checklist.count)
        for c in v.checklist.indices {
            w.str(v.checklist[c].item.rawValue)
            w.str(v.checklist[c].checkedBy.rawValue)
        }
    }

    private static func encode(_ p: borrowing Participation, into w: inout CanonicalWriter) {
        w.str(p.department.rawValue)
        w.u16(p.slots)
        w.u16(p.inspectors.count)
        for i in p.inspectors.indices { w.str(p.inspectors[i].rawValue) }
        w.u32(p.intents.count)
        for i in p.intents.indices {
            w.str(p.intents[i].department.rawValue)
            w.u64(p.intents[i].sequence)
        }
    }

    static func encode(inspections: [JointInspection], unscheduled: [UnscheduledIntent], into w: inout CanonicalWriter)
    {
        w.raw(Array("JS-PLAN".utf8))
        w.u8(0)
        w.u16(1)
        w.u32(inspections.count)
        for i in inspections.indices { encode(inspections[i], into: &w) }
        w.u32(unscheduled.count)
        for u in unscheduled {
            w.str(u.intent.department.rawValue)
            w.u64(u.intent.sequence)
            w.code(u.entity)
            w.u8(u.reason.wireCode)
        }
    }
}
