import Supervision
import SupervisionProtocol

// Payload ↔ fold conversions, in one place: wire enums to the fold's typed enums and back,
// wire dates to `CivilDate`, and each payload to the record the fold keeps. A payload that does
// not convert (a malformed date) throws, and the fold counts the event as skipped.

extension SupervisionProtocol.IntentReason {
    /// A short stable name: `random`, `complaint`, `follow-up`, `re-inspection`.
    public var code: String {
        switch self {
        case .unspecified: "unspecified"
        case .randomDraw: "random"
        case .complaint: "complaint"
        case .followUp: "follow-up"
        case .reInspection: "re-inspection"
        case .unrecognized(let n): "unrecognized-\(n)"
        }
    }
}

extension SupervisionProtocol.FindingResult {
    /// The fold's result; `nil` for unspecified and unrecognized values.
    public var itemResult: ItemResult? { ItemResult.allCases.first { Self($0) == self } }

    /// The wire result of `result`.
    public init(_ result: ItemResult) {
        switch result {
        case .compliant: self = .compliant
        case .violation: self = .violation
        case .notApplicable: self = .notApplicable
        }
    }
}

extension SupervisionProtocol.ReferralStatus {
    /// The fold's status; `nil` for unspecified and unrecognized values.
    public var ackStatus: AckStatus? { AckStatus.allCases.first { Self($0) == self } }

    /// The wire status of `status`.
    public init(_ status: AckStatus) {
        switch status {
        case .accepted: self = .accepted
        case .rejected: self = .rejected
        case .caseOpened: self = .caseOpened
        case .noCase: self = .noCase
        case .complex: self = .complex
        case .feedback: self = .feedback
        }
    }
}

extension SupervisionProtocol.VoteDecision {
    /// The fold's choice; `nil` for unspecified and unrecognized values.
    public var choice: VoteChoice? { VoteChoice.allCases.first { Self($0) == self } }

    /// The wire decision of `choice`.
    public init(_ choice: VoteChoice) { self = choice == .accept ? .accept : .decline }
}

extension CivilDate {
    /// A wire date, `YYYY-MM-DD`; throws ``AgentError`` naming `field` when it is not a day.
    init(wire text: String, field: String) throws(AgentError) {
        do { try self.init(text) } catch {
            throw AgentError(.invalidArgument, "\(field) '\(text)' is not a date (YYYY-MM-DD)")
        }
    }

    /// An optional wire date: `nil` for `""`.
    static func optional(wire text: String, field: String) throws(AgentError) -> CivilDate? {
        text.isEmpty ? nil : try CivilDate(wire: text, field: field)
    }

    /// The day (UTC+8, the calendar's time zone) of an event timestamp.
    init(eventTimestampMs ms: Int64) {
        let seconds = ms / 1000 + 8 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(dayNumber: Int32(clamping: days))
    }
}

extension IntentRecord {
    /// The record of an `intent` event.
    init(_ p: IntentPayload, ref: EventReference) throws(AgentError) {
        self.init(
            ref: ref, entity: p.entity, windowStart: try CivilDate(wire: p.windowStart, field: "window start"),
            windowEnd: try CivilDate(wire: p.windowEnd, field: "window end"), itemIds: p.itemIds,
            reason: p.reason.code, period: p.draw?.period)
    }
}

extension PlanVersionRecord {
    /// The record of a `plan.proposal` event.
    init(_ p: PlanProposalPayload, ref: EventReference) throws(AgentError) {
        var visits: [VisitRecord] = []
        for i in p.inspections {
            visits.append(
                VisitRecord(
                    inspectionId: i.inspectionId, entity: i.entity,
                    date: try CivilDate(wire: i.date, field: "visit date"),
                    lead: i.lead, participants: i.participants.sorted(),
                    items: Dictionary(i.items.map { ($0.itemId, $0.owner) }, uniquingKeysWith: { a, _ in a }),
                    inspectors: Dictionary(i.inspectors.map { ($0.department, Int($0.count)) }, uniquingKeysWith: +),
                    intents: i.intents.map(EventReference.init), singleReason: nil))
        }
        for v in p.singleVisits {
            visits.append(
                VisitRecord(
                    inspectionId: v.inspectionId, entity: v.entity,
                    date: try CivilDate(wire: v.date, field: "visit date"),
                    lead: v.department, participants: [v.department],
                    items: Dictionary(v.itemIds.map { ($0, v.department) }, uniquingKeysWith: { a, _ in a }),
                    inspectors: [:], intents: v.intent.map { [EventReference($0)] } ?? [], singleReason: v.reason.code))
        }
        self.init(
            ref: ref, planId: p.planId, version: p.version, planHash: p.planHash.hex, period: p.period, visits: visits,
            catalogVersion: Int(clamping: p.catalogVersion),
            unplaced: p.unplaced.map { entry in
                UnplacedRecord(
                    intent: EventReference(entry.intent), entity: entry.entity,
                    reason: {
                        switch entry.reason {
                        case .noWorkingDay: .noWorkingDay
                        case .noCapacity: .noCapacity
                        case .itemsNotCovered: .itemsNotCovered
                        case .unspecified, .unrecognized: .unknown
                        }
                    }())
            })
    }
}

extension FindingRecord {
    /// The record of a `finding` event; throws for a result of a later protocol version.
    init(_ p: FindingPayload, ref: EventReference) throws(AgentError) {
        guard let result = p.result.itemResult else {
            throw AgentError(.invalidArgument, "finding \(ref) has a result this agent does not know")
        }
        self.init(
            ref: ref, inspectionId: p.inspectionId, entity: p.entity, itemId: p.itemId, result: result,
            measurements: Dictionary(p.measurements.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
            date: try CivilDate(wire: p.recordedDate, field: "finding date"))
    }
}

extension ReferralRecord {
    /// The record of a `referral` event, sent on `sent`, with no acknowledgements yet.
    init(_ p: ReferralPayload, ref: EventReference, sent: CivilDate) throws(AgentError) {
        self.init(
            ref: ref, referralId: p.referralId, from: ref.origin, to: p.toDepartment,
            finding: p.finding.map(EventReference.init), category: p.category,
            acceptDue: try CivilDate.optional(wire: p.acceptDue, field: "accept due"),
            decisionDue: try CivilDate.optional(wire: p.decisionDue, field: "decision due"),
            feedbackDue: try CivilDate.optional(wire: p.feedbackDue, field: "feedback due"),
            lifecycle: ReferralLifecycle(sent: sent), acks: [])
    }
}

extension AckRecord {
    /// The record of a `referral.ack` event of `day`, not yet applied.
    init(_ p: ReferralAckPayload, ref: EventReference, day: CivilDate) {
        self.init(ref: ref, status: p.status.ackStatus, note: p.note, day: day)
    }
}

extension OutcomeRecord {
    /// The record of an `outcome` event.
    init(_ p: OutcomePayload, ref: EventReference) throws(AgentError) {
        self.init(ref: ref, finding: p.finding.map(EventReference.init), decision: .unknown)
        switch p.decision {
        case .noPenalty(let terms):
            decision = .noPenalty
            correctionDeadline = try CivilDate.optional(wire: terms.correctionDeadline, field: "correction deadline")
            reInspectionDate = try CivilDate.optional(wire: terms.reInspectionDate, field: "re-inspection date")
        case .enforcement(let e):
            decision = .enforcement
            caseId = e.caseId
        case .unknown: break
        }
    }
}

extension SupervisionProtocol.SingleVisitReason {
    /// `no-partner`, `no-common-date`, `urgent`, `declined`.
    public var code: String {
        switch self {
        case .unspecified: "unspecified"
        case .noPartner: "no-partner"
        case .noCommonDate: "no-common-date"
        case .urgent: "urgent"
        case .declined: "declined"
        case .unrecognized(let n): "unrecognized-\(n)"
        }
    }
}
