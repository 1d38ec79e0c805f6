import Foundation
import Logging
import Supervision
import SupervisionBus
import SupervisionProtocol
import Synchronization

extension DepartmentAgent {
    /// Records a finding and, in the same batch, what follows from it: a referral when the item
    /// is in another department kind's remit, to that kind's agent in the entity's jurisdiction
    /// (or the nearest level above it); an outcome (no penalty or enforcement) when this agent's
    /// kind is responsible; the re-inspection intent of a no-penalty outcome.
    func recordFinding(_ args: Arguments, writer: inout Writer) async throws -> FindingReply {
        let context = self.context
        let register = shared.withLock { $0.register }
        let code = try CreditCode(try args.required("entity"))
        guard let entity = register.entity(code) else {
            throw AgentError(.notFound, "entity \(code) is not in \(department)'s register")
        }
        let item = try ChecklistItemID(try args.required("item"))
        guard let catalogItem = context.catalog.item(item) else {
            throw AgentError(.notFound, "checklist item \(item) is not in the catalog")
        }
        guard let itemResult = ItemResult(rawValue: args["result"] ?? "violation") else {
            throw AgentError(.invalidArgument, "result must be compliant, violation or not-applicable")
        }
        let result = SupervisionProtocol.FindingResult(itemResult)
        let domainResult = itemResult.domain
        let date = try CivilDate(try args.required("date"))
        try context.calendar.check(date)
        let inspection = try args.text("inspection", maxLength: 100) ?? ""
        var measurement: Supervision.Measurement?
        var quantities: [Quantity] = []
        if let name = args["measure"] {
            let value = try Self.measuredValue(args["value"], measure: name, item: catalogItem)
            measurement = Supervision.Measurement(kind: try MeasureKind(name), value: value)
            quantities = [Quantity(name: name, value: value, unit: try args.text("unit", maxLength: 20) ?? "count")]
        } else if args["value"] != nil {
            throw AgentError(.invalidArgument, "--value needs --measure NAME (what was measured)")
        }
        let corrected = try args.choice("corrected", ["true", "false"]) == "true"
        let state = snapshot
        let history = state.findingList.compactMap { f -> ViolationRecord? in
            guard f.result == .violation, let c = try? CreditCode(f.entity), let i = try? ChecklistItemID(f.itemId),
                f.date < date
            else { return nil }
            return ViolationRecord(entity: c, item: i, date: f.date)
        }
        let own = department.rawValue
        let (kind, placements) = (self.kind, self.placements)
        let entityArea = Self.area(of: entity)
        let envelopes = try await append(&writer) { first -> [EventDraft] in
            // The domain reasons in department kinds: routes, owners and rules name kinds.
            let finding = Finding(
                id: try FindingID("\(own)-\(first)"), inspectionCode: inspection.isEmpty ? nil : inspection,
                entity: code,
                recordedBy: kind, date: date, item: item, result: domainResult, measurement: measurement,
                correctedOnSpot: corrected)
            let evaluation = try context.engine.evaluate(
                finding, industry: entity.industry, history: history, calendar: context.calendar,
                reinspectionSequence: first + 2)
            let findingRef = EventRef(origin: own, seq: first)
            var drafts = [
                EventDraft(
                    kind: .finding,
                    payload: FindingPayload(
                        inspectionId: inspection, entity: code.description, itemId: item.rawValue, result: result,
                        measurements: quantities, recordedDate: date.description,
                        category: catalogItem.category.rawValue, catalogVersion: UInt64(context.source.version)
                    ).serializedBytes())
            ]
            if let referral = evaluation.referral {
                let recipient =
                    placements.referralRecipient(kind: referral.to, entityArea: entityArea)?.rawValue
                    ?? referral.to.rawValue
                let due = referral.deadlines(levels: context.serviceLevels, calendar: context.calendar)
                try context.calendar.check(due.reportBy)
                drafts.append(
                    EventDraft(
                        kind: .referral,
                        payload: ReferralPayload(
                            referralId: "R-\(own)-\(first)", fromDepartment: own, toDepartment: recipient,
                            finding: findingRef, category: referral.category.rawValue,
                            acceptDue: due.acceptBy.description,
                            decisionDue: due.decideBy.description, feedbackDue: due.reportBy.description
                        ).serializedBytes()))
            } else if evaluation.responsible == kind {
                switch evaluation.consequence {
                case .none: break
                case .noPenalty(let decision):
                    let reinspection = decision.reinspection
                    drafts.append(
                        EventDraft(
                            kind: .outcome,
                            payload: OutcomePayload(
                                finding: findingRef,
                                decision: .noPenalty(
                                    .init(
                                        reminder: decision.documents.contains(.writtenReminder),
                                        commitment: decision.documents.contains(.commitmentLetter),
                                        correctionDeadline: decision.correctionDeadline.description,
                                        reInspectionDate: reinspection.window.start.description))
                            ).serializedBytes()))
                    drafts.append(
                        EventDraft(
                            kind: .intent,
                            payload: IntentPayload(
                                department: own, entity: code.description,
                                windowStart: reinspection.window.start.description,
                                windowEnd: reinspection.window.end.description,
                                itemIds: reinspection.items.map(\.rawValue),
                                reason: .reInspection
                            ).serializedBytes()))
                case .enforcement(let decision):
                    drafts.append(
                        EventDraft(
                            kind: .outcome,
                            payload: OutcomePayload(
                                finding: findingRef,
                                decision: .enforcement(.init(caseId: "C-\(own)-\(first)", note: "\(decision.reason)"))
                            ).serializedBytes()))
                }
            }
            return drafts
        }
        let folded = snapshot
        let refs = envelopes.map { EventReference(origin: $0.origin, seq: $0.seq) }
        return FindingReply(
            finding: folded.findings[refs[0]]!,
            responsible: context.engine.routing.responsible(
                for: context.catalog.item(item)!.category, industry: entity.industry)?.rawValue
                ?? context.catalog.item(item)!.owner.rawValue,
            referral: folded.referralList.first { refs.contains($0.ref) },
            outcome: refs.compactMap { folded.outcomes[$0] }.first,
            reInspection: refs.compactMap { folded.intents[$0] }.first)
    }

    /// Largest measured value accepted: a count per floor or site, or a percentage.
    static let maxMeasuredValue = 10_000.0

    /// The value of measure `name` of `item`: a finite number ≥ 0, a whole number for counts, at
    /// most 100 for percentages; `name` must be the item's measured quantity.
    static func measuredValue(_ text: String?, measure name: String, item: Supervision.ChecklistItem) throws -> Double {
        guard let expected = item.measure else {
            throw AgentError(
                .invalidArgument, "checklist item \(item.id) has no measured quantity; leave out --measure")
        }
        guard expected.rawValue == name else {
            throw AgentError(.invalidArgument, "checklist item \(item.id) is measured as \(expected), not \(name)")
        }
        guard let text, let value = Double(text) else {
            throw AgentError(.invalidArgument, "--measure needs --value NUMBER")
        }
        let percent = name.hasSuffix("-percent")
        guard value.isFinite, value >= 0, value <= (percent ? 100 : maxMeasuredValue),
            percent || value == value.rounded()
        else {
            throw AgentError(
                .invalidArgument,
                percent
                    ? "\(name) must be a percentage from 0 to 100, got \(text)"
                    : "\(name) must be a whole count from 0 to \(Int(maxMeasuredValue)), got \(text)")
        }
        return value
    }

    /// The open-data tables over every agreed plan and every finding known here; with `area`,
    /// only the visits and findings about entities within it.
    func disclose(within area: Area? = nil) throws -> DiscloseReply {
        let (state, register) = shared.withLock { ($0.state, $0.register) }
        let within = { (code: String) in area.map { self.isEntity(code, within: $0, register: register) } ?? true }
        var inspections: [Supervision.JointInspection] = []
        for view in state.planViews where view.state == .agreed && !view.superseded && view.outcompetedBy == nil {
            for visit in view.plan.visits where within(visit.entity) {
                guard let code = try? CreditCode(visit.entity) else { continue }
                let date = visit.date
                let ordinal = Int(visit.inspectionId.split(separator: "-").last ?? "1") ?? 1
                inspections.append(
                    Supervision.JointInspection(
                        entity: code, date: date, ordinal: ordinal, lead: try DepartmentID(visit.lead), scenario: nil,
                        participants: try visit.participants.map {
                            Participation(
                                department: try DepartmentID($0), inspectors: [], intents: [],
                                slots: visit.inspectors[$0] ?? 0)
                        },
                        checklist: try visit.items.sorted { $0.key < $1.key }.map {
                            ChecklistAssignment(
                                item: try ChecklistItemID($0.key), checkedBy: try DepartmentID($0.value))
                        },
                        separateReason: visit.participants.count > 1 ? nil : .noOtherDepartment))
            }
        }
        var findings: [Finding] = []
        for record in state.findingList where within(record.entity) {
            guard let code = try? CreditCode(record.entity), let item = try? ChecklistItemID(record.itemId) else {
                continue
            }
            findings.append(
                Finding(
                    id: try FindingID("\(record.ref.origin)-\(record.ref.seq)"),
                    inspectionCode: record.inspectionId.isEmpty ? nil : record.inspectionId, entity: code,
                    recordedBy: try DepartmentID(record.ref.origin), date: record.date, item: item,
                    result: record.result.domain))
        }
        let outcomes = try state.outcomeList.compactMap { record -> RecordedOutcome? in
            guard let finding = record.finding else { return nil }
            let decision: RecordedOutcome.Decision
            switch record.decision {
            case .noPenalty: decision = .noPenalty(correctionDeadline: record.correctionDeadline)
            case .enforcement: decision = .enforcement
            default: return nil
            }
            return RecordedOutcome(
                finding: try FindingID("\(finding.origin)-\(finding.seq)"),
                decidedBy: try DepartmentID(record.ref.origin),
                decision: decision)
        }
        let tables = Disclosure.project(
            inspections: inspections, findings: findings, outcomes: outcomes, register: register,
            catalog: context.catalog)
        return DiscloseReply(
            businesses: tables.businessesCSV, inspections: tables.inspectionsCSV, violations: tables.violationsCSV,
            tables: tables, withheldFindings: state.withheldFindings)
    }
}
