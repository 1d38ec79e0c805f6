extension PlanProposalPayload {
    /// Decodes a `PlanProposal`; checks the plan hash length, department ids, dates and
    /// event references.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_PlanProposal.self, bytes, what: "PlanProposal")
        var inspections = [JointInspection]()
        for (index, inspection) in wire.inspections.enumerated() {
            do {
                inspections.append(try JointInspection(wire: inspection))
            } catch {
                throw error.prefixed("inspections[\(index)]")
            }
        }
        var visits = [SingleVisit]()
        for (index, visit) in wire.singleVisits.enumerated() {
            do {
                visits.append(try SingleVisit(wire: visit))
            } catch {
                throw error.prefixed("single_visits[\(index)]")
            }
        }
        var unplaced = [UnplacedIntent]()
        for (index, entry) in wire.unplaced.enumerated() {
            guard
                let intent = try EventRef.optional(
                    entry.intent, has: entry.hasIntent, field: "unplaced[\(index)].intent")
            else { throw ProtocolError(.invalidField, field: "unplaced[\(index)].intent", "is required") }
            unplaced.append(
                UnplacedIntent(
                    intent: intent, entity: entry.entity, reason: UnplacedReason(wireValue: entry.reason.rawValue)))
        }
        self.init(
            planId: wire.planID, version: wire.version, planHash: try Hash256.field(wire.planHash, "plan_hash"),
            period: wire.period, inspections: inspections, singleVisits: visits, catalogVersion: wire.catalogVersion,
            unplaced: unplaced)
    }

    /// The protobuf encoding as a `PlanProposal`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_PlanProposal()
        wire.planID = planId
        wire.version = version
        wire.planHash = planHash.data
        wire.period = period
        wire.inspections = inspections.map(\.wire)
        wire.singleVisits = singleVisits.map(\.wire)
        wire.catalogVersion = catalogVersion
        wire.unplaced = unplaced.map { entry in
            var wire = Jointsupervision_V1_UnplacedIntent()
            wire.intent = entry.intent.wire
            wire.entity = entry.entity
            wire.reason = entry.reason.wire
            return wire
        }
        return encodeWire(wire)
    }
}

extension JointInspection {
    init(wire: Jointsupervision_V1_JointInspection) throws(ProtocolError) {
        try checkDate(wire.date, "date")
        try checkDepartmentOrEmpty(wire.lead, "lead")
        for (index, participant) in wire.participants.enumerated() {
            try checkDepartment(participant, "participants[\(index)]")
        }
        for (index, item) in wire.items.enumerated() {
            try checkDepartmentOrEmpty(item.owner, "items[\(index)].owner")
        }
        for (index, quota) in wire.inspectors.enumerated() {
            try checkDepartment(quota.department, "inspectors[\(index)].department")
        }
        var intents = [EventRef]()
        for (index, intent) in wire.intents.enumerated() {
            intents.append(try EventRef(wire: intent, field: "intents[\(index)]"))
        }
        self.init(
            inspectionId: wire.inspectionID, entity: wire.entity, date: wire.date, lead: wire.lead,
            participants: wire.participants,
            items: wire.items.map { ChecklistItem(itemId: $0.itemID, owner: $0.owner) },
            inspectors: wire.inspectors.map { InspectorQuota(department: $0.department, count: $0.count) },
            intents: intents)
    }

    var wire: Jointsupervision_V1_JointInspection {
        var wire = Jointsupervision_V1_JointInspection()
        wire.inspectionID = inspectionId
        wire.entity = entity
        wire.date = date
        wire.lead = lead
        wire.participants = participants
        wire.items = items.map { item in
            var wire = Jointsupervision_V1_ChecklistItem()
            wire.itemID = item.itemId
            wire.owner = item.owner
            return wire
        }
        wire.inspectors = inspectors.map { quota in
            var wire = Jointsupervision_V1_InspectorQuota()
            wire.department = quota.department
            wire.count = quota.count
            return wire
        }
        wire.intents = intents.map(\.wire)
        return wire
    }
}

extension SingleVisit {
    init(wire: Jointsupervision_V1_SingleVisit) throws(ProtocolError) {
        try checkDepartmentOrEmpty(wire.department, "department")
        try checkDate(wire.date, "date")
        self.init(
            inspectionId: wire.inspectionID, entity: wire.entity, department: wire.department, date: wire.date,
            itemIds: wire.itemIds, intent: try EventRef.optional(wire.intent, has: wire.hasIntent, field: "intent"),
            reason: SingleVisitReason(wire: wire.reason))
    }

    var wire: Jointsupervision_V1_SingleVisit {
        var wire = Jointsupervision_V1_SingleVisit()
        wire.inspectionID = inspectionId
        wire.entity = entity
        wire.department = department
        wire.date = date
        wire.itemIds = itemIds
        if let intent { wire.intent = intent.wire }
        wire.reason = reason.wire
        return wire
    }
}
