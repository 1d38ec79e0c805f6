import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus
import SupervisionProtocol

/// The simulator's workload: the domain events departments write in joint supervision, encoded
/// as their agents encode them (findings on real checklist items, referrals of violations to
/// another department, acknowledgements of referrals received, outcomes, intents, draws), and
/// categorised for data rights by the agents' own ``ContentCategories``.
struct SimWorkload {
    let source: Catalog
    let catalog: ScenarioCatalog
    /// Every category of the catalog's items, sorted: what data rights are made of.
    let categories: [String]
    /// Referrals acknowledged by their origin and not yet acknowledged by their recipient:
    /// recipient → (referral id, where it is).
    private(set) var unacknowledged: [String: [(id: String, ref: EventRef)]] = [:]
    private static let entities = (0..<12).map { "91310101MA1F\(String(format: "%05d", $0 * 7919 % 100_000))X" }

    init() throws {
        source = try BundledData.catalog()
        catalog = source.scenarios
        categories = Set(catalog.items.map(\.category.rawValue)).sorted()
    }

    /// The category of an event's content, as agents decide it.
    var categorize: EventCategorizer {
        let catalog = source
        return { event in ContentCategories.category(of: event) { _ in catalog } }
    }

    /// One command's events for `origin`, whose next seq is `next`; `holds` tells whether the
    /// origin holds an event of another origin (to acknowledge only referrals it received).
    mutating func drafts(
        origin: String, next: UInt64, departments: [String], holds: (EventRef) -> Bool, random: inout SimRandom
    ) -> [EventDraft] {
        let day = "2026-03-\(String(format: "%02d", random.int(1...28)))"
        let entity = random.pick(Self.entities)
        let others = departments.filter { $0 != origin }
        switch random.int(0...9) {
        case 0...3:
            // An inspection's findings; each violation is referred on or decided here.
            var drafts: [EventDraft] = []
            for _ in 0..<random.int(1...3) {
                let item = random.pick(catalog.items)
                let violation = random.chance(0.4)
                let ref = EventRef(origin: origin, seq: next + UInt64(drafts.count))
                drafts.append(
                    EventDraft(
                        kind: .finding,
                        payload: FindingPayload(
                            inspectionId: "I-\(origin)-\(next)", entity: entity, itemId: item.id.rawValue,
                            result: violation ? .violation : .compliant,
                            measurements: [Quantity(name: "reading", value: Double(random.int(0...500)), unit: "lx")],
                            recordedDate: day, category: item.category.rawValue,
                            catalogVersion: UInt64(source.version)
                        ).serializedBytes()))
                guard violation else { continue }
                if let to = others.isEmpty || random.chance(0.4) ? nil : random.pick(others) {
                    drafts.append(
                        EventDraft(
                            kind: .referral,
                            payload: ReferralPayload(
                                referralId: "R-\(origin)-\(ref.seq)", fromDepartment: origin, toDepartment: to,
                                finding: ref, category: item.category.rawValue, acceptDue: day
                            ).serializedBytes()))
                } else {
                    drafts.append(
                        EventDraft(
                            kind: .outcome,
                            payload: OutcomePayload(
                                finding: ref, decision: .enforcement(.init(caseId: "C-\(origin)-\(ref.seq)"))
                            ).serializedBytes()))
                }
            }
            return drafts
        case 4...5:
            let pending = (unacknowledged[origin] ?? []).filter { holds($0.ref) }
            guard let referral = pending.isEmpty ? nil : random.pick(pending) else { fallthrough }
            let status: ReferralStatus = random.pick([.accepted, .rejected, .caseOpened])
            return [
                EventDraft(
                    kind: .referralAck,
                    payload: ReferralAckPayload(referralId: referral.id, status: status, referral: referral.ref)
                        .serializedBytes())
            ]
        case 6...7:
            let items = (0..<random.int(1...3)).map { _ in random.pick(catalog.items).id.rawValue }
            return [
                EventDraft(
                    kind: .intent,
                    payload: IntentPayload(
                        department: origin, entity: entity, windowStart: day, windowEnd: "2026-04-30", itemIds: items,
                        reason: random.pick([.complaint, .followUp])
                    ).serializedBytes())
            ]
        case 8:
            return [
                EventDraft(
                    kind: .draw,
                    payload: DrawRecordPayload(
                        department: origin, period: "2026-Q1", seed: "\(random.next())", algorithmVersion: "1",
                        resultHash: Hash256(bytes: random.bytes(32))!, targetCount: UInt32(random.int(1...20))
                    ).serializedBytes())
            ]
        default:
            return [EventDraft(kind: .test, payload: Array("test;\(random.next())".utf8))]
        }
    }

    /// Notes what an acknowledged append wrote: referrals to acknowledge, acknowledgements made.
    mutating func appended(_ events: [EventEnvelope]) {
        for event in events {
            switch event.kind {
            case .referral:
                guard let referral = try? ReferralPayload(event: event) else { continue }
                unacknowledged[referral.toDepartment, default: []].append(
                    (referral.referralId, EventRef(origin: event.origin, seq: event.seq)))
            case .referralAck:
                guard let ack = try? ReferralAckPayload(event: event) else { continue }
                unacknowledged[event.origin]?.removeAll { $0.id == ack.referralId }
            default:
                continue
            }
        }
    }
}
