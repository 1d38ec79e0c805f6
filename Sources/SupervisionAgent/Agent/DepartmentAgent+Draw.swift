import Foundation
import Logging
import Supervision
import SupervisionBus
import SupervisionProtocol
import Synchronization

/// 双随机: the draw, its verification against the snapshots it committed to, and the inspector
/// draw that staffs agreed visits.
extension DepartmentAgent {
    /// The snapshots kept in the data directory.
    var snapshots: SnapshotStore { SnapshotStore(dataDirectory: directory) }

    func draw(_ args: Arguments, writer: inout Writer) async throws -> DrawReply {
        let period = try Period(try args.required("period"))
        let seed = try args.required("seed", maxLength: 200)
        let state = snapshot
        if let existing = state.draws.values.first(where: {
            $0.department == department.rawValue && $0.period == period.label
        }) {
            throw AgentError(
                .invalidState,
                "\(department) already drew for \(period.label) (event \(existing.ref), seed \(existing.seed)); verify it with `jointctl verify`"
            )
        }
        let (data, register) = shared.withLock { ($0.data, $0.register) }
        let roster = try effectiveRoster(data.inspectors, state: state, period: period.range)
        let registerSnapshot = RegisterSnapshot(register: register, department: kind)
        let catalog = catalogs.current
        try catalog.calendar.check(period.range)
        let result = try RandomDraw.draw(
            DrawRequest(
                department: kind, period: period.range, seed: DrawSeed(text: seed),
                rates: catalog.drawRates.prorated(to: period.range),
                coverage: CoverageRule.rules(catalog.scenarios, department: kind, period: period.range)),
            register: register, roster: roster.inspectors)
        // Kept before the record is published: a verifier here always finds both.
        try snapshots.put(registerSnapshot.canonicalBytes, hash: registerSnapshot.hash, kind: .register)
        try snapshots.put(roster.canonicalBytes, hash: roster.hash, kind: .roster)
        let record = DrawRecordPayload(
            department: department.rawValue, period: period.label, seed: seed, algorithmVersion: "draw/1",
            resultHash: Hash256(hex: result.digest) ?? .zero, targetCount: UInt32(result.targets.count),
            registerHash: Hash256(hex: registerSnapshot.hash), rosterHash: Hash256(hex: roster.hash),
            catalogVersion: UInt64(catalog.version))
        let intents = result.targets.map { target in
            IntentPayload(
                department: department.rawValue, entity: target.entity.description,
                windowStart: period.range.start.description, windowEnd: period.range.end.description,
                itemIds: checklist(for: target.entity, register: register), reason: .randomDraw,
                draw: DrawReference(period: period.label, seed: seed))
        }
        let envelopes = try await append(&writer) { _ in
            [EventDraft(kind: .draw, payload: record.serializedBytes())]
                + intents.map { EventDraft(kind: .intent, payload: $0.serializedBytes()) }
        }
        let folded = snapshot
        logger.info(
            "draw published",
            metadata: [
                "draw.period": "\(period.label)", "draw.targets": "\(intents.count)",
                "draw.register_hash": "\(registerSnapshot.hash)", "draw.roster_hash": "\(roster.hash)",
            ])
        return DrawReply(
            draw: folded.draws[EventReference(origin: department.rawValue, seq: envelopes[0].seq)]!,
            tallies: Dictionary(uniqueKeysWithValues: result.tallies.map { ($0.riskClass.rawValue, $0.drawn) }),
            intents: envelopes.dropFirst().map { EventReference(origin: $0.origin, seq: $0.seq) },
            unstaffed: result.unstaffed.map(\.description))
    }

    /// The latest draw record of `drawer` for `period` known here.
    func drawRecord(_ drawer: String, _ period: String) throws -> DrawRecord {
        guard
            let record = snapshot.draws.values.filter({ $0.department == drawer && $0.period == period }).max(by: {
                $0.ref < $1.ref
            })
        else {
            throw AgentError(.notFound, "no draw by \(drawer) for \(period) is known here")
        }
        return record
    }

    /// Re-runs a published draw of any department against the snapshots its record commits to.
    func verify(_ args: Arguments) throws -> VerifyReply {
        let drawer = try DepartmentID(try args.required("department"))
        let drawerKind = placements.kind(of: drawer)
        let period = try args.required("period")
        let record = try drawRecord(drawer.rawValue, period)
        let seed = try args.text("seed", maxLength: 200) ?? record.seed
        let range = try Period(period).range
        let (rates, coverage) = try drawRules(of: record, range)
        let request = DrawRequest(
            department: drawerKind, period: range, seed: DrawSeed(text: seed), rates: rates, coverage: coverage)
        let (data, register) = shared.withLock { ($0.data, $0.register) }
        let currentRegister =
            register.departments.contains(drawerKind)
            ? RegisterSnapshot(register: register, department: drawerKind) : nil
        let currentRoster =
            drawer == department
            ? try effectiveRoster(data.inspectors, state: snapshot, period: request.period) : nil
        guard let registerHash = record.registerHash, let rosterHash = record.rosterHash else {
            // A record made before snapshots: only the drawer can re-run it, against what it holds now.
            guard drawer == department else {
                throw AgentError(
                    .missingSnapshot,
                    "\(drawer)'s draw for \(period) (event \(record.ref)) names no register or roster snapshot (made before snapshots); only \(drawer)'s agent can re-run it, against its current data"
                )
            }
            let result = try RandomDraw.draw(request, register: register, roster: data.inspectors)
            return VerifyReply(
                draw: record, recomputedHash: result.digest, matches: result.digest == record.resultHash,
                note: "the record names no snapshots: re-run against the current register and roster")
        }
        let registerSnapshot = try heldRegister(registerHash, current: currentRegister, record: record)
        let rosterSnapshot = try heldRoster(rosterHash, current: currentRoster, record: record)
        let result = try RandomDraw.draw(
            request, register: try registerSnapshot.register(), roster: rosterSnapshot.inspectors)
        return VerifyReply(
            draw: record, recomputedHash: result.digest, matches: result.digest == record.resultHash,
            registerChanged: currentRegister.map { $0.hash != registerHash },
            rosterChanged: currentRoster.map { $0.hash != rosterHash },
            note: "re-run against register snapshot \(registerHash) and roster snapshot \(rosterHash)")
    }

    /// The rates and coverage rules `record` was drawn with: those of the catalog it names,
    /// prorated to the period (none named: the default rates, no coverage).
    private func drawRules(of record: DrawRecord, _ range: DateRange) throws -> (DrawRates, [CoverageRule]) {
        guard record.catalogVersion != 0 else { return (.default, []) }
        guard let catalog = catalogs.catalog(version: record.catalogVersion) else {
            throw AgentError(
                .missingSnapshot,
                "\(record.department)'s draw for \(record.period) used the rates of catalog version \(record.catalogVersion), which this agent does not hold (it holds \(catalogs.versions.map(String.init).joined(separator: ", "))); nothing was re-run"
            )
        }
        return (
            catalog.drawRates.prorated(to: range),
            CoverageRule.rules(
                catalog.scenarios, department: placements.kind(of: try DepartmentID(record.department)), period: range)
        )
    }

    private func heldRegister(_ hash: String, current: RegisterSnapshot?, record: DrawRecord) throws -> RegisterSnapshot
    {
        if let kept = snapshots.register(hash) { return kept }
        if let current, current.hash == hash {
            try snapshots.put(current.canonicalBytes, hash: hash, kind: .register)
            return current
        }
        throw missing(.register, hash, record)
    }

    private func heldRoster(_ hash: String, current: RosterSnapshot?, record: DrawRecord) throws -> RosterSnapshot {
        if let kept = snapshots.roster(hash) { return kept }
        if let current, current.hash == hash {
            try snapshots.put(current.canonicalBytes, hash: hash, kind: .roster)
            return current
        }
        throw missing(.roster, hash, record)
    }

    private func missing(_ kind: SnapshotStore.Kind, _ hash: String, _ record: DrawRecord) -> AgentError {
        AgentError(
            .missingSnapshot,
            "this agent holds no \(kind.rawValue) snapshot \(hash), which \(record.department)'s draw for \(record.period) (event \(record.ref)) was made from; nothing was re-run. Export it at \(record.department)'s agent (`jointctl snapshot export --department \(record.department) --period \(record.period) --kind \(kind.rawValue) --out FILE`) and load it here (`jointctl snapshot import FILE`)"
        )
    }

    /// The canonical encoding of a kept snapshot, by hash or by the draw that used it.
    func exportSnapshot(_ args: Arguments) throws -> SnapshotReply {
        guard let kind = SnapshotStore.Kind(rawValue: try args.required("kind")) else {
            throw AgentError(.invalidArgument, "kind must be register or roster")
        }
        let hash: String
        if let given = try args.text("hash", maxLength: 64) {
            guard SnapshotStore.isHash(given) else {
                throw AgentError(.invalidArgument, "hash must be 64 lower-case hex digits, got \(given)")
            }
            hash = given
        } else {
            let record = try drawRecord(try args.required("department"), try args.required("period"))
            guard let named = kind == .register ? record.registerHash : record.rosterHash else {
                throw AgentError(.notFound, "\(record.department)'s draw for \(record.period) names no snapshot")
            }
            hash = named
        }
        guard let bytes = snapshots.bytes(hash, kind: kind) else {
            throw AgentError(.missingSnapshot, "this agent holds no \(kind.rawValue) snapshot \(hash)")
        }
        let department =
            kind == .register
            ? try RegisterSnapshot(canonicalBytes: bytes).department
            : try RosterSnapshot(canonicalBytes: bytes).department
        return SnapshotReply(
            kind: kind.rawValue, department: department.rawValue, hash: hash,
            content: String(decoding: bytes, as: UTF8.self))
    }

    /// Validates and keeps a snapshot file, so that draws made from it can be verified here.
    func importSnapshot(_ args: Arguments) throws -> SnapshotReply {
        let kept = try snapshots.importing(Array(try args.required("content", maxLength: .max).utf8))
        logger.info(
            "snapshot imported",
            metadata: ["snapshot.kind": "\(kept.kind.rawValue)", "snapshot.hash": "\(kept.hash)"])
        return SnapshotReply(kind: kept.kind.rawValue, department: kept.department.rawValue, hash: kept.hash)
    }

    /// This department's roster as the inspector draw for `period` reads it: the imported
    /// roster, with each entity's last inspectors (this department's latest staffed assignment
    /// there, in a plan for a period that starts before `period` does) added to their
    /// last-inspected entities (rotation). Plans of the same or later periods do not count, so a
    /// draw's roster snapshot stays the roster of its period while that period's visits are staffed.
    func effectiveRoster(_ inspectors: [Inspector], state: SupervisionState, period: DateRange) throws
        -> RosterSnapshot
    {
        let own = department.rawValue
        var entityOf: [String: String] = [:]  // "<plan>/<version>/<inspection>" → credit code
        for versions in state.plans.values {
            for record in versions.values {
                guard let range = try? Period(record.period).range, range.start < period.start else { continue }
                for visit in record.visits where visit.participants.contains(own) {
                    entityOf["\(record.planId)/\(record.version)/\(visit.inspectionId)"] = visit.entity
                }
            }
        }
        var latest: [CreditCode: (seq: UInt64, ids: Set<InspectorID>)] = [:]
        for a in state.assignments.values where a.ref.origin == own {
            guard let entity = entityOf["\(a.planId)/\(a.planVersion)/\(a.inspectionId)"],
                let code = try? CreditCode(entity), !a.inspectorIds.isEmpty
            else { continue }
            if (latest[code]?.seq ?? 0) < a.ref.seq {
                latest[code] = (a.ref.seq, Set(a.inspectorIds.compactMap { InspectorID(rawValue: $0) }))
            }
        }
        return try RosterSnapshot(department: kind, roster: inspectors).rotating(latest.mapValues(\.ids))
    }

    /// Every department's assignments for one version of a plan (default: the latest), by
    /// inspection, each re-run where this agent holds the roster snapshot it names.
    func assignments(_ args: Arguments) throws -> [AssignmentView] {
        let state = snapshot
        let id = try args.required("plan")
        guard let view = state.latestPlan(id, version: try args.uint32("version")) else {
            throw AgentError(.notFound, "no plan \(id) is known here; list plans with `jointctl plan list`")
        }
        let plan = view.plan
        let entityOf = Dictionary(plan.visits.map { ($0.inspectionId, $0.entity) }, uniquingKeysWith: { a, _ in a })
        let period = try? Period(plan.period).range
        return state.assignments.values.filter { $0.planId == id && $0.planVersion == plan.version }.sorted {
            ($0.inspectionId, $0.ref) < ($1.inspectionId, $1.ref)
        }.map { a in
            let entity = entityOf[a.inspectionId] ?? ""
            var reproduced: Bool?
            if let hash = a.rosterHash, let seed = a.seed, let period, !a.inspectorIds.isEmpty,
                let code = try? CreditCode(entity), let roster = snapshots.roster(hash)
            {
                let again = InspectorDraw.staff(
                    [VisitDemand(inspection: a.inspectionId, entity: code, slots: a.inspectorIds.count)],
                    seed: DrawSeed(text: seed), period: period, roster: roster)
                reproduced = again.first?.inspectors.map(\.rawValue) == a.inspectorIds
            }
            return AssignmentView(assignment: a, entity: entity, reproduced: reproduced)
        }
    }

    /// Names this department's inspectors for each of its visits in an agreed plan by the
    /// inspector draw (``InspectorDraw``): seeded by this department's published draw for the
    /// plan's period (or the plan hash when it published none), from the roster with recusal
    /// and rotation, kept as a snapshot whose hash each assignment names. A visit with too few
    /// eligible inspectors is published with no inspectors and the reason.
    func assign(_ plan: PlanVersionRecord, writer: inout Writer) async throws {
        let own = department.rawValue
        let visits = plan.visits.filter { $0.participants.contains(own) }
        guard !visits.isEmpty else { return }
        let state = snapshot
        let inspectors = shared.withLock { $0.data.inspectors }
        let period = try Period(plan.period).range
        let roster = try effectiveRoster(inspectors, state: state, period: period)
        try snapshots.put(roster.canonicalBytes, hash: roster.hash, kind: .roster)
        let seed =
            state.draws.values.filter { $0.department == own && $0.period == plan.period }.max { $0.ref < $1.ref }?
            .seed ?? "plan:\(plan.planHash)"
        let demands = try visits.map {
            VisitDemand(
                inspection: $0.inspectionId, entity: try CreditCode($0.entity),
                slots: max($0.inspectors[own] ?? 0, settings.perVisit))
        }
        let staffed = InspectorDraw.staff(
            demands, seed: DrawSeed(text: seed), period: period, roster: roster)
        var drafts: [EventDraft] = []
        for visit in staffed {
            if let reason = visit.unstaffedReason {
                logger.warning(
                    "visit not staffed",
                    metadata: [
                        "plan.id": "\(plan.planId)", "inspection.id": "\(visit.inspection)",
                        "assignment.reason": "\(reason)",
                    ])
            }
            drafts.append(
                EventDraft(
                    kind: .assignment,
                    payload: InspectorAssignmentPayload(
                        planId: plan.planId, inspectionId: visit.inspection, department: own,
                        inspectorIds: visit.inspectors.map(\.rawValue), planVersion: plan.version,
                        rosterHash: Hash256(hex: roster.hash), seed: seed,
                        unassignedReason: visit.unstaffedReason ?? ""
                    ).serializedBytes()))
        }
        _ = try await append(&writer) { _ in drafts }
    }
}
