import Supervision
import SupervisionProtocol

extension PlanProposalPayload {
    /// The wire form of a composed plan: joint visits as ``SupervisionProtocol/JointInspection``,
    /// one-department visits as ``SingleVisit``, the plan hash of JS-PLAN v1.
    init(plan: JointPlan, planId: String, version: UInt32, period: String, catalogVersion: Int) {
        var joint: [SupervisionProtocol.JointInspection] = []
        var single: [SingleVisit] = []
        for visit in plan.inspections {
            let refs = visit.intents.map { EventRef(origin: $0.department.rawValue, seq: $0.sequence) }
            if visit.isJoint {
                joint.append(
                    SupervisionProtocol.JointInspection(
                        inspectionId: visit.code, entity: visit.entity.description, date: visit.date.description,
                        lead: visit.lead.rawValue, participants: visit.departments.map(\.rawValue),
                        items: visit.checklist.map {
                            SupervisionProtocol.ChecklistItem(itemId: $0.item.rawValue, owner: $0.checkedBy.rawValue)
                        },
                        inspectors: visit.participants.map {
                            InspectorQuota(department: $0.department.rawValue, count: UInt32($0.slots))
                        }, intents: refs))
            } else {
                let reason: SingleVisitReason =
                    switch visit.separateReason {
                    case .noOtherDepartment?: .noPartner
                    case .windowsDoNotOverlap?, .capacity?: .noCommonDate
                    default: .unspecified
                    }
                single.append(
                    SingleVisit(
                        inspectionId: visit.code, entity: visit.entity.description, department: visit.lead.rawValue,
                        date: visit.date.description, itemIds: visit.checklist.map(\.item.rawValue), intent: refs.first,
                        reason: reason))
            }
        }
        let unplaced = plan.unscheduled.map { entry in
            UnplacedIntent(
                intent: EventRef(origin: entry.intent.department.rawValue, seq: entry.intent.sequence),
                entity: entry.entity.description,
                reason: entry.reason == .noWorkingDayInWindow ? .noWorkingDay : .noCapacity)
        }
        self.init(
            planId: planId, version: version, planHash: Hash256(hex: plan.hash) ?? .zero, period: period,
            inspections: joint, singleVisits: single, catalogVersion: UInt64(catalogVersion), unplaced: unplaced)
    }
}

extension Supervision.JointInspection {
    /// A visit of a proposed version as the domain's visit, to carry it unchanged into a
    /// revision (a visit that already has results is never moved).
    init(done visit: VisitRecord) throws {
        let ordinal = Int(visit.inspectionId.split(separator: "-").last ?? "1") ?? 1
        try self.init(
            entity: CreditCode(visit.entity), date: visit.date, ordinal: ordinal, lead: DepartmentID(visit.lead),
            scenario: nil,
            participants: visit.participants.sorted().map { department in
                Participation(
                    department: try DepartmentID(department), inspectors: [],
                    intents: try visit.intents.filter { $0.origin == department }.map {
                        IntentID(department: try DepartmentID($0.origin), sequence: $0.seq)
                    }, slots: visit.inspectors[department] ?? 0)
            },
            checklist: visit.items.sorted { $0.key < $1.key }.map {
                ChecklistAssignment(item: try ChecklistItemID($0.key), checkedBy: try DepartmentID($0.value))
            }, separateReason: visit.participants.count > 1 ? nil : .noOtherDepartment)
    }
}
