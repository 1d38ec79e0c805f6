import Logging
import Supervision
import SupervisionBus
import SupervisionProtocol

extension DepartmentAgent {
    /// Referrals with their service levels as of `--as-of` (default today) in working days of
    /// the agent's calendar; only the overdue ones with `--overdue`; only those sent or received
    /// by agents within `--jurisdiction` with it.
    func referrals(_ args: Arguments) throws -> [ReferralView] {
        let today = try args["as-of"].map { try CivilDate($0) } ?? CivilDate.today
        var views = snapshot.referralViews(asOf: today, levels: context.serviceLevels, calendar: context.calendar)
        if let area = try jurisdictionFilter(args) {
            views = views.filter { isPlaced($0.referral.from, within: area) || isPlaced($0.referral.to, within: area) }
        }
        return args["overdue"] == "true" ? views.filter(\.overdue) : views
    }

    func acknowledge(_ args: Arguments, writer: inout Writer) async throws -> ReferralView {
        let id = try args.required("referral")
        guard
            let record = snapshot.referralList.first(where: {
                $0.referralId == id || $0.key == id
            })
        else {
            throw AgentError(.notFound, "no referral \(id) is known here; list them with `jointctl referrals list`")
        }
        guard record.to == department.rawValue else {
            throw AgentError(.invalidState, "referral \(id) is addressed to \(record.to), not \(department)")
        }
        let choices = AckStatus.allCases.map(\.rawValue)
        guard let status = AckStatus(rawValue: args["status"] ?? "accepted") else {
            throw AgentError(.invalidArgument, "status must be one of \(choices.joined(separator: ", "))")
        }
        let note = try args.text("note") ?? ""
        // What the fold will do with it: a step the lifecycle refuses is not appended.
        var trial = record
        let today = CivilDate.today
        let ack = AckRecord(
            ref: EventReference(origin: department.rawValue, seq: .max), status: status, note: note, day: today)
        if let refusal = trial.apply(ack) {
            throw AgentError(.invalidState, Self.explain(refusal, status: status, record: record))
        }
        try await appendAck(record, status: status, note: note, writer: &writer)
        let after = snapshot.referralList.first { $0.ref == record.ref }!
        return ReferralView(after, asOf: today, levels: context.serviceLevels, calendar: context.calendar)
    }

    static func explain(_ refusal: FoldRefusal, status: AckStatus, record: ReferralRecord) -> String {
        let id = record.key
        switch refusal {
        case .repeated:
            return "referral \(id) is already acknowledged as \(status.rawValue); nothing appended"
        case .afterRejection: return "referral \(id) was rejected; nothing more can be acknowledged"
        case .afterFeedback: return "referral \(id) is closed (feedback given); nothing more can be acknowledged"
        case .notRecipient: return "referral \(id) is addressed to \(record.to)"
        case .unknownStatus: return "status \(status.rawValue) is not known"
        case .outOfOrder:
            let next: String
            switch record.stage {
            case .awaitingAcceptance: next = "accepted or rejected"
            case .awaitingDecision: next = "case-opened or no-case"
            case .awaitingReport: next = "feedback"
            case .awaitingFeedback: next = record.lifecycle.isComplex ? "feedback" : "complex or feedback"
            case .closed, .rejected: next = "nothing"
            }
            return
                "referral \(id) is \(record.stage.rawValue): \(status.rawValue) is not allowed now (next: \(next)); nothing appended"
        }
    }

    func appendAck(_ record: ReferralRecord, status: AckStatus, note: String, writer: inout Writer) async throws {
        let payload = ReferralAckPayload(
            referralId: record.referralId, status: ReferralStatus(status), note: note, referral: record.ref.wire)
        _ = try await append(&writer) { _ in [EventDraft(kind: .referralAck, payload: payload.serializedBytes())] }
        logger.info(
            "referral acknowledged",
            metadata: ["referral.id": "\(record.referralId)", "referral.status": "\(status.rawValue)"])
    }
}
