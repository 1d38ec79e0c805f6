import Supervision
import SupervisionProtocol

/// The deterministic fold of the merged event stream: draws, intents, plan versions and their
/// votes, findings, referrals with their lifecycles, outcomes and assignments, in the domain's
/// own types (``PlanState``, ``VoteChoice``, ``ReferralLifecycle``, ``OutcomeDecision``,
/// `CivilDate`; conversions in PayloadConversions.swift).
///
/// Every record is keyed by content (origin and seq, plan id and version), never by arrival
/// order, so two agents that hold the same events hold the same state and show the same plan
/// hashes and referral states, whatever order the logs arrived in. A referral's
/// acknowledgements are replayed through its lifecycle in event order whenever the referral,
/// its finding or an acknowledgement arrives: one that the lifecycle does not allow changes
/// nothing and is counted in ``refused``. Events of unknown kinds, withheld payloads and
/// malformed payloads are counted in ``skipped``.
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
    /// Referrals by `from/referralId`, with their acknowledgements applied (see ``referralList``).
    public private(set) var referrals: [String: ReferralRecord] = [:]
    /// Acknowledgements as received, by `from/referralId` of the referral they name, sorted by
    /// event (including those naming a referral not held yet).
    public private(set) var acks: [String: [AckRecord]] = [:]
    /// Outcomes.
    public private(set) var outcomes: [EventReference: OutcomeRecord] = [:]
    /// Assignments.
    public private(set) var assignments: [EventReference: AssignmentRecord] = [:]
    /// Highest seq applied per origin.
    public private(set) var heads: [String: UInt64] = [:]
    /// Events skipped (unknown kind, withheld or malformed payload).
    public private(set) var skipped = 0
    /// Acknowledgements refused by the referral lifecycle, per reason (a function of the held
    /// events, whatever their order).
    public private(set) var refused: [FoldRefusal: Int] = [:]

    /// Referral events as received (no acknowledgements applied) with the day of the event.
    private var referralEvents: [String: (payload: ReferralPayload, ref: EventReference, day: CivilDate)] = [:]
    /// The referral key of each referred finding.
    private var referralOfFinding: [EventReference: String] = [:]

    /// Findings held only as withheld stubs (data rights), until their payload arrives.
    private var withheldFindingRefs: Set<EventReference> = []

    /// Findings this agent holds only withheld: left out of everything folded from findings.
    public var withheldFindings: Int { withheldFindingRefs.count }

    /// An empty state.
    public init() {}

    /// Applies one event (idempotent: an event already applied changes nothing).
    public mutating func apply(_ event: EventEnvelope) {
        let ref = EventReference(origin: event.origin, seq: event.seq)
        heads[event.origin] = max(heads[event.origin] ?? 0, event.seq)
        if event.kind == .finding {
            if event.isPayloadWithheld {
                withheldFindingRefs.insert(ref)
            } else {
                withheldFindingRefs.remove(ref)
            }
        }
        do {
            switch event.kind {
            case .draw: applyDraw(try DrawRecordPayload(event: event), ref)
            case .intent: intents[ref] = try IntentRecord(try IntentPayload(event: event), ref: ref)
            case .planProposal: applyProposal(try PlanVersionRecord(try PlanProposalPayload(event: event), ref: ref))
            case .planVote: applyVote(try PlanVotePayload(event: event), ref)
            case .finding: applyFinding(try FindingRecord(try FindingPayload(event: event), ref: ref))
            case .referral: try applyReferral(try ReferralPayload(event: event), ref, day: event.day)
            case .referralAck: try applyAck(try ReferralAckPayload(event: event), ref, day: event.day)
            case .outcome: outcomes[ref] = try OutcomeRecord(try OutcomePayload(event: event), ref: ref)
            case .assignment: applyAssignment(try InspectorAssignmentPayload(event: event), ref)
            case .catalog: break  // adopted by the agent (CatalogShelf), not part of the fold
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
            rosterHash: p.rosterHash?.hex, catalogVersion: Int(clamping: p.catalogVersion))
    }

    private mutating func applyProposal(_ record: PlanVersionRecord) {
        plans[Self.planKey(lead: record.ref.origin, planId: record.planId), default: [:]][record.version] = record
    }

    private mutating func applyVote(_ p: PlanVotePayload, _ ref: EventReference) {
        guard let decision = p.decision.choice else { return }
        let key = Self.voteKey(planId: p.planId, version: p.version)
        if let existing = votes[key]?[ref.origin], existing.ref.seq > ref.seq { return }
        votes[key, default: [:]][ref.origin] = VoteRecord(
            ref: ref, planHash: p.planHash.hex, decision: decision, reason: p.reason,
            decline: p.decline.isEmpty ? nil : p.decline)
    }

    private mutating func applyFinding(_ record: FindingRecord) {
        findings[record.ref] = record
        // The referral's day sent is its finding's day.
        if let key = referralOfFinding[record.ref] { resolveReferral(key) }
    }

    private mutating func applyReferral(_ p: ReferralPayload, _ ref: EventReference, day: CivilDate) throws {
        let key = "\(ref.origin)/\(p.referralId)"
        _ = try ReferralRecord(p, ref: ref, sent: day)  // refuses malformed dates before anything is kept
        // One referral per key: the first in its sender's log (a later one with the same id is ignored).
        if let existing = referralEvents[key], existing.ref.seq < ref.seq { return }
        referralEvents[key] = (p, ref, day)
        if let finding = p.finding { referralOfFinding[EventReference(finding)] = key }
        resolveReferral(key)
    }

    private mutating func applyAck(_ p: ReferralAckPayload, _ ref: EventReference, day: CivilDate) throws {
        guard let from = p.referral?.origin else {
            throw AgentError(.invalidArgument, "referral.ack \(ref) names no referral event")
        }
        let key = "\(from)/\(p.referralId)"
        var list = acks[key, default: []]
        guard !list.contains(where: { $0.ref == ref }) else { return }
        list.append(AckRecord(p, ref: ref, day: day))
        list.sort { $0.ref < $1.ref }
        acks[key] = list
        resolveReferral(key)
    }

    /// Rebuilds referral `key` from its event, its finding's day and its acknowledgements in
    /// event order, and keeps ``refused`` equal to the refusals of every held referral.
    private mutating func resolveReferral(_ key: String) {
        guard let event = referralEvents[key] else { return }
        let sent = event.payload.finding.flatMap { findings[EventReference($0)]?.date } ?? event.day
        guard var record = try? ReferralRecord(event.payload, ref: event.ref, sent: sent) else { return }
        for ack in acks[key] ?? [] { record.apply(ack) }
        for reason in (referrals[key]?.acks ?? []).compactMap(\.refused) { count(reason, by: -1) }
        for reason in record.acks.compactMap(\.refused) { count(reason, by: 1) }
        referrals[key] = record
    }

    private mutating func count(_ reason: FoldRefusal, by delta: Int) {
        let n = (refused[reason] ?? 0) + delta
        refused[reason] = n == 0 ? nil : n
    }

    private mutating func applyAssignment(_ p: InspectorAssignmentPayload, _ ref: EventReference) {
        assignments[ref] = AssignmentRecord(
            ref: ref, planId: p.planId, planVersion: p.planVersion, inspectionId: p.inspectionId,
            inspectorIds: p.inspectorIds, rosterHash: p.rosterHash?.hex, seed: p.seed.isEmpty ? nil : p.seed,
            unassignedReason: p.unassignedReason.isEmpty ? nil : p.unassignedReason)
    }
}

extension EventEnvelope {
    /// The day of the event's timestamp (UTC+8).
    fileprivate var day: CivilDate { CivilDate(eventTimestampMs: timestampMs) }
}
