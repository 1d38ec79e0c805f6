/// Step 4 of composition: visits become ``JointInspection`` values in canonical order, with
/// merged checklists, leads, reasons and metrics.
struct PlanAssembler {
    let input: PlanningInput
    let intents: [Intent]
    let register: Register
    let catalog: ScenarioCatalog
    let parameters: CompositionParameters

    func assemble(scheduler: Scheduler, lowerBound: Int) -> JointPlan {
        // Local copies: closures below must not capture (and copy) the whole assembler.
        let department = input.department
        let itemSet = input.itemSet
        let inspectorStart = input.inspectorStart
        let inspectorCount = input.inspectorCount
        let inspectorFlat = input.inspectorFlat
        let inspectorIDs = input.inspectorIDs
        let departments = input.departments
        let visits = scheduler.visits
        let members = scheduler.visitMembers
        let ids = input.ids
        let sequence = ids.map(\.sequence)
        let setup = parameters.setupMinutes

        // Build visits in intent (entity) order, so that the per-intent columns are read almost
        // sequentially, then move them into canonical order: (day, entity, smallest intent id),
        // intent ids ordering as (department index, sequence).
        var processOrder: [UInt64] = []
        processOrder.reserveCapacity(visits.count)
        for (v, visit) in visits.enumerated() {
            let first = members[Int(visit.memberStart)..<Int(visit.memberStart + visit.memberCount)].min()!
            processOrder.append(UInt64(UInt32(first)) << 32 | UInt64(v))
        }
        processOrder.sort()

        var merger = ChecklistMerger(catalog: catalog, departments: departments, kinds: input.kinds)
        let built = UnsafeMutablePointer<JointInspection>.allocate(capacity: visits.count)
        defer { built.deallocate() }
        var canonical: [(key: UInt128, slot: Int32)] = []
        canonical.reserveCapacity(visits.count)
        var minutes = 0.0
        var duplicatesRemoved = 0
        var joint = 0
        var group: [Int32] = []
        var pairs: [(department: Int, itemSet: Int)] = []

        for packed in processOrder {
            let visit = visits[Int(UInt32(truncatingIfNeeded: packed))]
            group.removeAll(keepingCapacity: true)
            group.append(contentsOf: members[Int(visit.memberStart)..<Int(visit.memberStart + visit.memberCount)])
            if group.count > 1 {
                group.sort { a, b in
                    let da = department[Int(a)]
                    let db = department[Int(b)]
                    return da != db ? da < db : sequence[Int(a)] < sequence[Int(b)]
                }
            }
            let first = UInt128(department[Int(group[0])]) << 64 | UInt128(sequence[Int(group[0])])
            canonical.append(
                (
                    UInt128(UInt32(visit.day)) << 112 | UInt128(UInt32(visit.entity)) << 80 | first,
                    Int32(canonical.count)
                ))
            let visitNeeds = scheduler.visitNeeds[Int(visit.needStart)..<Int(visit.needStart + visit.needCount)]
            var participants: [Participation] = []
            participants.reserveCapacity(visitNeeds.count)
            pairs.removeAll(keepingCapacity: true)
            var k = 0
            for need in visitNeeds {
                var intentIDs: [IntentID] = []
                var named: [InspectorID] = []
                intentIDs.reserveCapacity(2)
                named.reserveCapacity(4)
                while k < group.count, Int(department[Int(group[k])]) == need.department {
                    let i = Int(group[k])
                    intentIDs.append(ids[i])
                    let s = Int(inspectorStart[i])
                    for q in inspectorFlat[s..<s + Int(inspectorCount[i])] { named.append(inspectorIDs[Int(q)]) }
                    pairs.append((need.department, Int(itemSet[i])))
                    k += 1
                }
                if named.count > 1 {
                    named.sort()
                    var w = 1
                    for r in 1..<named.count where named[r] != named[w - 1] {
                        named.swapAt(r, w)
                        w += 1
                    }
                    named.removeLast(named.count - w)
                }
                participants.append(
                    Participation(
                        department: departments[need.department], inspectors: named, intents: intentIDs,
                        slots: Int(need.slots)))
            }
            if pairs.count > 1 {
                pairs.sort { $0.department != $1.department ? $0.department < $1.department : $0.itemSet < $1.itemSet }
                var w = 1
                for r in 1..<pairs.count where pairs[r] != pairs[w - 1] {
                    pairs[w] = pairs[r]
                    w += 1
                }
                pairs.removeLast(pairs.count - w)
            }

            let industry = Int(input.industry[Int(group[0])])
            let merged = merger.merge(
                industry: register.industries[industry], industryIndex: industry, pairs: pairs, input: input)
            duplicatesRemoved += merged.duplicatesRemoved
            for (need, m) in zip(visitNeeds, merged.minutes) {
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
            (built + canonical.count - 1).initialize(
                to: JointInspection(
                    entity: input.codes[Int(group[0])], date: input.horizonStart.adding(days: Int(visit.day)),
                    ordinal: 1, lead: merged.lead, scenario: merged.scenario, participants: participants,
                    checklist: merged.checklist, separateReason: reason))
        }
        canonical.sort { $0.key < $1.key }
        var inspections: [JointInspection] = []
        inspections.reserveCapacity(visits.count)
        var previous: (dayAndEntity: UInt128, ordinal: Int) = (UInt128.max, 0)
        for (key, slot) in canonical {
            var inspection = (built + Int(slot)).move()  // every slot is moved exactly once
            let dayAndEntity = key >> 80
            if dayAndEntity == previous.dayAndEntity { inspection.ordinal = previous.ordinal + 1 }
            previous = (dayAndEntity, inspection.ordinal)
            inspections.append(consume inspection)
        }

        var unscheduled: [UnscheduledIntent] = []
        var naiveMinutes = 0.0
        for i in 0..<input.count {
            if input.isSchedulable(i) {
                let d = Int(department[i])
                let slots = max(input.capacities[d].inspectorsPerVisit, Int(inspectorCount[i]))
                naiveMinutes += Double(slots * (setup + input.itemSetMinutes[Int(itemSet[i])]))
            } else {
                unscheduled.append(
                    UnscheduledIntent(intent: ids[i], entity: input.codes[i], reason: .noWorkingDayInWindow))
            }
        }
        for i in scheduler.noCapacity {
            unscheduled.append(
                UnscheduledIntent(intent: ids[Int(i)], entity: input.codes[Int(i)], reason: .noCapacityInWindow))
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
