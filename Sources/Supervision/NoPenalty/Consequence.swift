/// An earlier violation, the history that decides whether a violation is a first one.
public struct ViolationRecord: Hashable, Sendable, Codable {
    /// The entity.
    public var entity: CreditCode
    /// The item violated.
    public var item: ChecklistItemID
    /// When it was found.
    public var date: CivilDate

    /// Creates a record.
    public init(entity: CreditCode, item: ChecklistItemID, date: CivilDate) {
        self.entity = entity
        self.item = item
        self.date = date
    }
}

/// A document handed over on the no-penalty path.
public enum ReminderDocument: String, Hashable, Sendable, Codable, CaseIterable {
    /// Written reminder (书面提醒 / 提示函).
    case writtenReminder
    /// Commitment letter signed by the entity (承诺书).
    case commitmentLetter
}

/// The no-penalty path: reminder, correction deadline and a re-inspection that verifies it.
public struct NoPenaltyDecision: Hashable, Sendable, Codable {
    /// The rule applied.
    public var rule: RuleID
    /// Documents handed over.
    public var documents: [ReminderDocument]
    /// The correction deadline (the finding's day when corrected on the spot).
    public var correctionDeadline: CivilDate
    /// The re-inspection (复查) intent, a follow-up in the working days after the deadline.
    public var reinspection: Intent
}

/// Why a violation takes the normal enforcement path.
public enum EnforcementReason: Hashable, Sendable, Codable {
    /// No no-penalty rule covers the item (or its measure).
    case noRuleForItem
    /// A rule exists but the finding carries no measurement.
    case missingMeasurement
    /// The measured value exceeds every rule's maximum.
    case aboveThreshold(measured: Double, limit: Double)
    /// Not a first violation: an earlier one was found on `previous`.
    case repeatViolation(previous: CivilDate)
    /// The rule requires correction on the spot and it was not corrected.
    case notCorrectedOnSpot
}

/// The stages of the enforcement lifecycle (执法全过程), in order.
public enum EnforcementStage: String, Hashable, Sendable, Codable, CaseIterable {
    /// 启动 start.
    case start
    /// 检查 inspect.
    case inspect
    /// 取证 evidence.
    case evidence
    /// 审查决定 decision.
    case decision
    /// 送达 service.
    case service
    /// 执行 execution.
    case execution
    /// 归档 archive.
    case archive

    /// The following stage, or `nil` after archive.
    public var next: EnforcementStage? {
        let all = EnforcementStage.allCases
        let i = all.firstIndex(of: self)!
        return i + 1 < all.count ? all[i + 1] : nil
    }
}

/// The normal enforcement path.
public struct EnforcementDecision: Hashable, Sendable, Codable {
    /// The department that enforces.
    public var department: DepartmentID
    /// Why no exemption applies.
    public var reason: EnforcementReason
    /// The rule that was considered, if any.
    public var rule: RuleID?
    /// The stage the case starts in.
    public var stage: EnforcementStage = .start
}

/// What follows from a finding.
public enum Consequence: Hashable, Sendable, Codable {
    /// Nothing (compliant or not applicable).
    case none
    /// No penalty: reminder, deadline, re-inspection.
    case noPenalty(NoPenaltyDecision)
    /// Normal enforcement.
    case enforcement(EnforcementDecision)

    /// The outcome for risk updates.
    public var outcome: InspectionOutcome.Result {
        switch self {
        case .none: .compliant
        case .noPenalty: .correctedWithoutPenalty
        case .enforcement: .enforced
        }
    }
}
