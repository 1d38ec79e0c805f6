import SupervisionProtocol

/// The deterministic fold of the merged event stream: draws, intents, plan versions and their
/// votes, findings, referrals with their acknowledgements, outcomes and assignments.
///
/// Every record is keyed by content (origin and seq, plan id and version), never by arrival
/// order, so two agents that hold the same events hold the same state and show the same plan
/// hashes and referral states, whatever order the logs arrived in. Events of unknown kinds,
/// withheld payloads and malformed payloads are counted and skipped.
public struct SupervisionState: Sendable {
    /// Published draws.
    public private(set) var draws: [EventReference: DrawRecord] = [:]
    /// Intents.
    public private(set) var intents: [EventReference: IntentRecord] = [:]
    /// Plan versions, by lead and plan id, then version.
    public private(set) var plans: [String: [UInt32: PlanVersionRecord]] = [:]
    /// Votes: `planId/version` → department → its latest vote.
    public private(set) var votes: [String: [String: VoteRecord]] = [:]
    /// Findings.
    public private(set) var findings: [EventReference: FindingRecord] = [:]
    /// Referrals by `from/referralId`, without their acknowledgements (see ``referralList``).
    public private(set) var referrals: [String: ReferralRecord] = [:]
    /// Acknowledgements by `from/referralId`, sorted by event.
    public private(set) var acks: [String: [AckRecord]] = [:]
    /// Outcomes.
    public private(set) var outcomes: [EventReference: OutcomeRecord] = [:]
    /// Assignments.
    public private(set) var assignments: [EventReference: AssignmentRecord] = [:]
    /// Highest seq applied per origin.
    public private(set) var heads: [String: UInt64] = [:]
    /// Events skipped (unknown kind, withheld or malformed payload).
    public private(set) var skipped = 0

    /// An empty state.
    public init() {}

    /// Applies one event (idempotent: an event already applied changes nothing).
    public mutating func apply(_ event: EventEnvelope) {
        let ref = EventReference(origin: event.origin, seq: event.seq)
        heads[event.origin] = max(heads[event.origin] ?? 0, event.seq)
        do {
            switch event.kind {
            case .draw: applyDraw(try DrawRecordPayload(event: event), ref)
            case .intent: applyIntent(try IntentPayload(event: event), ref)
            case .planProposal: applyProposal(try PlanProposalPayload(event: event), ref)
            case .planVote: applyVote(try PlanVotePayload(event: event), ref)
            case .finding: applyFinding(try FindingPayload(event: event), ref)
            case .referral: applyReferral(try ReferralPayload(event: event), ref)
            case .referralAck: applyAck(try ReferralAckPayload(event: event), ref)
            case .outcome: applyOutcome(try OutcomePayload(event: event), ref)
            case .assignment: applyAssignment(try InspectorAssignmentPayload(event: event), ref)
            default: skipped += 1
            }
        } catch {
            skipped += 1
        }
    }

    static func planKey(lead: String, planId: String) -> String { "\(lead)/\(planId)" }
    static func voteKey(planId: String, version: UInt32) -> String { "\(planId)/\(version)" }

    private mutating func applyDraw(_ p: DrawRecordPayload, _ ref: EventReference) {
        draws[ref] = DrawRecord(
            ref: ref, department: ref.origin, period: p.period, seed: p.seed, algorithmVersion: p.algorithmVersion,
            resultHash: p.resultHash.hex, targetCount: Int(p.targetCount), registerHash: p.registerHash?.hex,
            rosterHash: p.rosterHash?.hex)
    }

    private mutating func applyIntent(_ p: IntentPayload, _ ref: EventReference) {
        intents[ref] = IntentRecord(
            ref: ref, entity: p.entity, windowStart: p.windowStart, windowEnd: p.windowEnd, itemIds: p.itemIds,
            reason: p.reason.code, period: p.draw?.period)
    }

    private mutating func applyProposal(_ p: PlanProposalPayload, _ ref: EventReference) {
        var visits = p.inspections.map { i in
            VisitRecord(
                inspectionId: i.inspectionId, entity: i.entity, date: i.date, lead: i.lead,
                participants: i.participants.sorted(),
                items: Dictionary(i.items.map { ($0.itemId, $0.owner) }, uniquingKeysWith: { a, _ in a }),
                inspectors: Dictionary(i.inspectors.map { ($0.department, Int($0.count)) }, uniquingKeysWith: +),
                intents: i.intents.map(EventReference.init), singleReason: nil)
        }
        visits += p.singleVisits.map { v in
            VisitRecord(
                inspectionId: v.inspectionId, entity: v.entity, date: v.date, lead: v.department,
                participants: [v.department],
                items: Dictionary(v.itemIds.map { ($0, v.department) }, uniquingKeysWith: { a, _ in a }),
                inspectors: [:], intents: v.intent.map { [EventReference($0)] } ?? [], singleReason: v.reason.code)
        }
        let record = PlanVersionRecord(
            ref: ref, planId: p.planId, version: p.version, planHash: p.planHash.hex, period: p.period, visits: visits)
        plans[Self.planKey(lead: ref.origin, planId: p.planId), default: [:]][p.version] = record
    }

    private mutating func applyVote(_ p: PlanVotePayload, _ ref: EventReference) {
        let decision: String
        switch p.decision {
        case .accept: decision = "accept"
        case .decline: decision = "decline"
        default: return
        }
        let key = Self.voteKey(planId: p.planId, version: p.version)
        if let existing = votes[key]?[ref.origin], existing.ref.seq > ref.seq { return }
        votes[key, default: [:]][ref.origin] = VoteRecord(
            ref: ref, planHash: p.planHash.hex, decision: decision, reason: p.reason)
    }

    private mutating func applyFinding(_ p: FindingPayload, _ ref: EventReference) {
        findings[ref] = FindingRecord(
            ref: ref, inspectionId: p.inspectionId, entity: p.entity, itemId: p.itemId, result: p.result.code,
            measurements: Dictionary(p.measurements.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
            date: p.recordedDate)
    }

    private mutating func applyReferral(_ p: ReferralPayload, _ ref: EventReference) {
        referrals["\(ref.origin)/\(p.referralId)"] = ReferralRecord(
            ref: ref, referralId: p.referralId, from: ref.origin, to: p.toDepartment,
            finding: p.finding.map(EventReference.init),
            category: p.category, acceptDue: p.acceptDue, decisionDue: p.decisionDue, feedbackDue: p.feedbackDue,
            acks: [])
    }

    private mutating func applyAck(_ p: ReferralAckPayload, _ ref: EventReference) {
        guard let from = p.referral?.origin else { skipped += 1; return }
        let key = "\(from)/\(p.referralId)"
        var list = acks[key, default: []]
        guard !list.contains(where: { $0.ref == ref }) else { return }
        list.append(AckRecord(ref: ref, status: p.status.code, note: p.note))
        list.sort { $0.ref < $1.ref }
        acks[key] = list
    }

    private mutating func applyOutcome(_ p: OutcomePayload, _ ref: EventReference) {
        var record = OutcomeRecord(ref: ref, finding: p.finding.map(EventReference.init), decision: "unknown")
        switch p.decision {
        case .noPenalty(let terms):
            record.decision = "no-penalty"
            record.correctionDeadline = terms.correctionDeadline
            record.reInspectionDate = terms.reInspectionDate
        case .enforcement(let e):
            record.decision = "enforcement"
            record.caseId = e.caseId
        case .unknown: break
        }
        outcomes[ref] = record
    }

    private mutating func applyAssignment(_ p: InspectorAssignmentPayload, _ ref: EventReference) {
        assignments[ref] = AssignmentRecord(
            ref: ref, planId: p.planId, planVersion: p.planVersion, inspectionId: p.inspectionId,
            inspectorIds: p.inspectorIds, rosterHash: p.rosterHash?.hex, seed: p.seed.isEmpty ? nil : p.seed,
            unassignedReason: p.unassignedReason.isEmpty ? nil : p.unassignedReason)
    }
}
