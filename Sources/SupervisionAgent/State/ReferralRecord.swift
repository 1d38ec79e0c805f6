import Supervision

/// A referral (线索移送) with its acknowledgements and the lifecycle they make.
public struct ReferralRecord: Hashable, Sendable, Codable {
    /// The `referral` event.
    public var ref: EventReference
    /// Id within the referring department.
    public var referralId: String
    /// Referring department.
    public var from: String
    /// Responsible department (the only one whose acknowledgements count).
    public var to: String
    /// The referred finding.
    public var finding: EventReference?
    /// Category.
    public var category: String
    /// Accept-by day stated by the sender.
    public var acceptDue: CivilDate?
    /// Decide-by day stated by the sender.
    public var decisionDue: CivilDate?
    /// Report-by day stated by the sender.
    public var feedbackDue: CivilDate?
    /// The receiver's steps: sent on the finding's day (the referral event's day if the finding
    /// is not held), then each applied acknowledgement.
    public var lifecycle: ReferralLifecycle
    /// Every acknowledgement naming the referral, sorted by event, each applied or refused.
    public var acks: [AckRecord]

    /// The latest applied status; `nil` while sent and unanswered.
    public var status: AckStatus? { acks.last { $0.refused == nil }?.status }

    /// The lifecycle's stage.
    public var stage: ReferralStage { lifecycle.stage }

    /// `from/referralId`, unique on the bus.
    public var key: String { "\(from)/\(referralId)" }

    /// Applies `ack` to the lifecycle and appends it, applied or with the reason it is refused
    /// (a refused acknowledgement changes nothing else). Returns the reason, `nil` when applied.
    @discardableResult
    public mutating func apply(_ ack: AckRecord) -> FoldRefusal? {
        var ack = ack
        ack.refused = refusal(of: ack)
        if ack.refused == nil, let status = ack.status {
            ack.day = max(ack.day, lifecycle.lastStepDay)
            do { try status.apply(to: &lifecycle, on: ack.day, note: ack.note) } catch { ack.refused = .outOfOrder }
        }
        acks.append(ack)
        return ack.refused
    }

    private func refusal(of ack: AckRecord) -> FoldRefusal? {
        guard ack.ref.origin == to else { return .notRecipient }
        guard let status = ack.status else { return .unknownStatus }
        switch stage {
        case .rejected: return .afterRejection
        case .closed: return .afterFeedback
        default: return status == self.status ? .repeated : nil
        }
    }
}
