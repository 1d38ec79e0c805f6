/// How a period's inspection outcomes move risk classes (信用风险分类动态调整), so that the next
/// period's draw samples differently.
///
/// Per (entity, department), over the outcomes of the period: any `serious` outcome sets the
/// class to ``seriousClass``; otherwise each `enforced` outcome makes it ``enforcementSteps``
/// classes riskier (at most D); otherwise, with at least ``compliantToImprove`` outcomes and all
/// of them `compliant`, it becomes one class less risky (at least A). `correctedWithoutPenalty`
/// leaves the class as it is.
public struct RiskPolicy: Hashable, Sendable, Codable {
    /// Classes worse per enforced outcome (default 1).
    public var enforcementSteps: Int
    /// Class after a serious outcome (default D).
    public var seriousClass: RiskClass
    /// Compliant outcomes in a period needed to improve by one class (default 1).
    public var compliantToImprove: Int

    /// Creates a policy; defaults as documented on the type.
    public init(enforcementSteps: Int = 1, seriousClass: RiskClass = .d, compliantToImprove: Int = 1) throws {
        guard enforcementSteps >= 0, compliantToImprove >= 1 else {
            throw SupervisionError(.invalidParameter, "enforcementSteps must be ≥ 0 and compliantToImprove ≥ 1")
        }
        self.enforcementSteps = enforcementSteps
        self.seriousClass = seriousClass
        self.compliantToImprove = compliantToImprove
    }

    /// The default policy.
    public static let `default` = try! RiskPolicy()

    /// The changes `outcomes` cause in `register`, sorted by entity then department; unchanged
    /// classes give no change. Outcomes for entities or departments the register does not rate
    /// throw ``SupervisionError/Code/unknownEntity``.
    public func changes(for outcomes: [InspectionOutcome], in register: Register) throws -> [RiskChange] {
        struct Key: Hashable { var entity: CreditCode; var department: DepartmentID }
        var grouped: [Key: [InspectionOutcome.Result]] = [:]
        for o in outcomes { grouped[Key(entity: o.entity, department: o.department), default: []].append(o.result) }
        var out: [RiskChange] = []
        for (key, results) in grouped {
            guard let p = register.position(of: key.entity),
                let current = register.riskClass(at: p, for: key.department)
            else {
                throw SupervisionError(
                    .unknownEntity, "outcome for \(key.entity) by \(key.department), which the register does not rate")
            }
            var next = current
            var cause = InspectionOutcome.Result.compliant
            if results.contains(.serious) {
                next = max(current, seriousClass)
                cause = .serious
            } else if results.contains(.enforced) {
                let steps = results.filter { $0 == .enforced }.count * enforcementSteps
                for _ in 0..<steps { next = next.worse }
                cause = .enforced
            } else if results.count >= compliantToImprove, results.allSatisfy({ $0 == .compliant }) {
                next = current.better
            }
            if next != current {
                out.append(
                    RiskChange(entity: key.entity, department: key.department, from: current, to: next, cause: cause))
            }
        }
        return out.sorted { ($0.entity, $0.department) < ($1.entity, $1.department) }
    }
}
