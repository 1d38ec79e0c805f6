/// Step 4 of composition: visits become ``JointInspection`` values in canonical order, with
/// merged checklists, leads, reasons and metrics.
struct PlanAssembler {
    let input: PlanningInput
    let intents: [Intent]
    let register: Register
    let catalog: ScenarioCatalog
    let parameters: CompositionParameters

    func assemble(scheduler: Scheduler, lowerBound: Int) -> JointPlan {
        var merger = ChecklistMerger(catalog: catalog, departments: input.departments)
        var drafts: [(sortKey: (Int32, Int32, IntentID), inspection: JointInspection)] = []
        drafts.reserveCapacity(scheduler.visits.count)
        var minutes = 0.0
        var duplicatesRemoved = 0
        var joint = 0
        let setup = parameters.setupMinutes

        for visit in scheduler.visits {
            var group = Array(scheduler.visitMembers[Int(visit.memberStart)..<Int(visit.memberStart + visit.memberCount)])
            group.sort { a, b in
                let da = input.department[Int(a)]
                let db = input.department[Int(b)]
                return da != db ? da < db : intents[Int(a)].id.sequence < intents[Int(b)].id.sequence
            }
            var participants: [Participation] = []
            var pairs: [(department: Int, itemSet: Int)] = []
            var k = 0
            for need in visit.needs {
                var ids: [IntentID] = []
                var named: [InspectorID] = []
                while k < group.count, Int(input.department[Int(group[k])]) == need.department {
                    let i = Int(group[k])
                    ids.append(intents[i].id)
                    let s = Int(input.inspectorStart[i])
                    for q in input.inspectorFlat[s..<s + Int(input.inspectorCount[i])] {
                        named.append(input.inspectorIDs[Int(q)])
                    }
                    pairs.append((need.department, Int(input.itemSet[i])))
                    k += 1
                }
                if named.count > 1 {
                    named.sort()
                    var unique: [InspectorID] = []
                    for q in named where unique.last != q { unique.append(q) }
                    named = unique
                }
                participants.append(
                    Participation(
                        department: input.departments[need.department], inspectors: named, intents: ids,
                        slots: Int(need.slots)))
            }
            pairs.sort { $0.department != $1.department ? $0.department < $1.department : $0.itemSet < $1.itemSet }
            var uniquePairs: [(department: Int, itemSet: Int)] = []
            for p in pairs where uniquePairs.last.map({ $0 != p }) ?? true { uniquePairs.append(p) }

            let entity = Int(visit.entity)
            let merged = merger.merge(
                industry: register.industry(at: entity), industryIndex: register.industryIndex(at: entity),
                pairs: uniquePairs, input: input)
            duplicatesRemoved += merged.duplicatesRemoved
            for (need, m) in zip(visit.needs, merged.minutes) {
                minutes += Double(Int(need.slots) * (setup + m.minutes))
            }
            let reason: SeparateVisitReason?
            if participants.count > 1 {
                reason = nil
                joint += 1
            } else if visit.split {
                reason = .capacity
            } else if parameters.strategy == .separate {
                reason = .separateStrategy
            } else if visit.entityMask.nonzeroBitCount > 1 {
                reason = .windowsDoNotOverlap
            } else {
                reason = .noOtherDepartment
            }
            let inspection = JointInspection(
                entity: register.codes[entity], date: input.horizonStart.adding(days: Int(visit.day)), ordinal: 1,
                lead: merged.lead, scenario: merged.scenario, participants: participants,
                checklist: merged.checklist, separateReason: reason)
            drafts.append(((visit.day, visit.entity, participants[0].intents[0]), inspection))
        }
        drafts.sort { a, b in
            if a.sortKey.0 != b.sortKey.0 { return a.sortKey.0 < b.sortKey.0 }
            if a.sortKey.1 != b.sortKey.1 { return a.sortKey.1 < b.sortKey.1 }
            return a.sortKey.2 < b.sortKey.2
        }
        var inspections: [JointInspection] = []
        inspections.reserveCapacity(drafts.count)
        for (n, draft) in drafts.enumerated() {
            var inspection = draft.inspection
            if n > 0, drafts[n - 1].sortKey.0 == draft.sortKey.0, drafts[n - 1].sortKey.1 == draft.sortKey.1 {
                inspection.ordinal = inspections[n - 1].ordinal + 1
            }
            inspections.append(inspection)
        }

        var unscheduled: [UnscheduledIntent] = []
        var naiveMinutes = 0.0
        for i in 0..<input.count {
            if input.isSchedulable(i) {
                let d = Int(input.department[i])
                let slots = max(input.capacities[d].inspectorsPerVisit, Int(input.inspectorCount[i]))
                naiveMinutes += Double(slots * (setup + input.itemSetMinutes[Int(input.itemSet[i])]))
            } else {
                unscheduled.append(UnscheduledIntent(intent: intents[i].id, entity: intents[i].entity, reason: .noWorkingDayInWindow))
            }
        }
        for i in scheduler.noCapacity {
            unscheduled.append(UnscheduledIntent(intent: intents[Int(i)].id, entity: intents[Int(i)].entity, reason: .noCapacityInWindow))
        }
        unscheduled.sort { $0.intent < $1.intent }

        let scheduled = intents.count - unscheduled.count
        let metrics = PlanMetrics(
            intents: intents.count, visitsBefore: intents.count, visitsAfter: inspections.count,
            entityVisitsSaved: scheduled - inspections.count, jointVisits: joint, lowerBound: lowerBound,
            gapToLowerBound: lowerBound == 0 ? 0 : Double(inspections.count) / Double(lowerBound) - 1,
            splitForCapacity: scheduler.splits, unscheduled: unscheduled.count,
            duplicateChecksRemoved: duplicatesRemoved, inspectorHours: minutes / 60,
            naiveInspectorHours: naiveMinutes / 60)
        return JointPlan(inspections: inspections, unscheduled: unscheduled, metrics: metrics)
    }
}
