import Foundation
import Logging
import Supervision
import SupervisionAgent
import SupervisionBus
import SupervisionBusTesting
import SupervisionProtocol
import Testing

/// Whole department agents on an in-process bus: their real commands, fold and reactions over
/// real replicators and stores, without sockets or processes.
@Suite("Department agents on an in-process bus")
struct InProcessAgentsTests {
    /// Sends `command` to `node`'s agent and decodes its reply body.
    func call<T: Decodable>(
        _ node: InProcessNode, _ command: String, _ arguments: [String: String] = [:], as type: T.Type
    ) async throws -> T {
        try await node.call(command, arguments, as: type)
    }

    /// Waits until `condition` holds, checking whenever `node` stores something (or every 50 ms).
    func wait(_ what: String, on node: InProcessNode, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw Failure("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Runs market's and fire's agents on an in-process bus (market with `marketCatalogs`, both
    /// with the bundled catalog by default) until `body` returns.
    func withAgents(
        marketCatalogs: CatalogShelf? = nil, fireSettings: AgentSettings = AgentSettings(), anchor: TrustAnchor? = nil,
        _ body: (InProcessNode, InProcessNode) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("in-process-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bus = try InProcessBus(directory: directory, departments: ["market", "fire"])
        bus.start()
        defer { bus.stop() }
        let market = bus.nodes["market"]!
        let fire = bus.nodes["fire"]!
        let agents = try [(market, marketCatalogs, AgentSettings()), (fire, nil, fireSettings)].map {
            try DepartmentAgent(
                node: $0.0, settings: $0.2, logger: Logger(label: "test.agent"), catalogs: $0.1, anchor: anchor)
        }
        let running = agents.map { agent in Task { try await agent.run() } }
        defer { for task in running { task.cancel() } }
        try await wait("own logs recovered", on: market) { market.status.ready && fire.status.ready }
        try await body(market, fire)
    }

    /// Market's and fire's intents on one restaurant for 2026-Q3, once market holds both.
    func addJointIntents(_ market: InProcessNode, _ fire: InProcessNode) async throws {
        let entity = try await call(fire, "entities", ["industry": "restaurant", "limit": "1"], as: [EntityRow].self)[0]
            .code
        for node in [market, fire] {
            _ = try await call(node, "intent", ["entity": entity, "period": "2026-Q3"], as: IntentRecord.self)
        }
        try await wait("market holds both intents", on: market) {
            try await call(market, "summary", as: SummaryReply.self).counts["intents"] == 2
        }
    }

    @Test(
        "a finding recorded at market is referred to fire, acknowledged by fire's agent, and both fold the same state")
    func referralRoundTrip() async throws {
        try await withAgents { market, fire in

            let entity = try await call(fire, "entities", ["limit": "1"], as: [EntityRow].self)[0].code
            let finding = try await call(
                market, "finding",
                [
                    "entity": entity, "item": "fire.detectors", "result": "violation", "date": "2026-07-01",
                    "measure": "detectors-broken-per-floor", "value": "3",
                ], as: FindingReply.self)
            let referral = try #require(finding.referral, "a fire item found by market is referred to fire")

            try await wait("fire's acknowledgement at market", on: market) {
                let list = try await call(market, "referrals", as: [ReferralView].self).map(\.referral)
                return list.first { $0.referralId == referral.referralId }?.status == .accepted
            }
            let atFire = try await call(fire, "referrals", as: [ReferralView].self).map(\.referral)
            #expect(atFire.contains { $0.referralId == referral.referralId && $0.to == "fire" })
            try await wait("the same heads", on: market) { market.status.heads == fire.status.heads }
            let digests = try await [market, fire].asyncMap {
                try await call($0, "summary", as: SummaryReply.self).digest
            }
            #expect(digests[0] == digests[1], "same rights, same events: the same supervision state")
        }
    }
}

extension InProcessAgentsTests {
    @Test(
        "a department that does not hold the plan's catalog version declines it, saying which, and refuses to accept it"
    )
    func planUnderAnUnheldCatalogIsDeclined() async throws {
        // Market holds catalog 2 (read locally, not on the bus); fire only the bundled 1.
        var document = try BundledData.catalogDocument()
        document.version = 2
        let newer = CatalogShelf(try Catalog(document))
        try await withAgents(marketCatalogs: newer) { market, fire in
            try await addJointIntents(market, fire)
            let proposed = try await call(market, "compose", ["period": "2026-Q3"], as: PlanView.self)
            #expect(proposed.plan.catalogVersion == 2)
            try await wait("fire's vote at market", on: market) {
                let view = try await call(
                    market, "plan", ["plan": proposed.plan.planId, "version": "1"], as: PlanView.self)
                return view.consent.first { $0.department == "fire" }?.state == .declined
            }
            let view = try await call(
                market, "plan", ["plan": proposed.plan.planId, "version": "1"], as: PlanView.self)
            let reason = try #require(view.consent.first { $0.department == "fire" }?.reason)
            #expect(reason.contains("catalog version 2"))
            #expect(reason.contains("holds 1"))
            // An explicit accept of the version in force is refused too, naming the catalog.
            let latest = try await call(fire, "plan", ["plan": proposed.plan.planId], as: PlanView.self)
            let accept = await fire.request(
                ControlRequest(
                    command: "vote",
                    arguments: [
                        "plan": proposed.plan.planId, "version": "\(latest.plan.version)", "decision": "accept",
                    ]))
            #expect(!accept.ok)
            #expect(accept.error?.contains("catalog version 2") == true, "\(accept.error ?? "")")
        }
    }
}

extension InProcessAgentsTests {
    @Test(
        "a structured decline (capacity, unavailable day) gives a revision that avoids the day; one that cannot be met gives none"
    )
    func structuredDeclineRevises() async throws {
        try await withAgents(fireSettings: AgentSettings(consentPolicy: "manual")) { market, fire in
            try await addJointIntents(market, fire)
            let v1 = try await call(market, "compose", ["period": "2026-Q3"], as: PlanView.self)
            let planId = v1.plan.planId
            let day = try #require(v1.plan.visits.first { $0.participants.contains("fire") }).date
            try await wait("fire holds v1", on: fire) {
                (try? await call(fire, "plan", ["plan": planId], as: PlanView.self))?.plan.version == 1
            }
            let declined = try await call(
                fire, "vote",
                [
                    "plan": planId, "decision": "decline", "reason": "inspectors on a training course",
                    "inspectors": "4", "unavailable": day.description,
                ], as: PlanView.self)
            let detail = try #require(declined.consent.first { $0.department == "fire" }?.decline)
            #expect(detail.inspectors == 4 && detail.unavailableDates == [day.description])

            try await wait("market's revision", on: market) {
                try await call(market, "plan", ["plan": planId], as: PlanView.self).plan.version == 2
            }
            let v2 = try await call(market, "plan", ["plan": planId], as: PlanView.self)
            let fireVisits = v2.plan.visits.filter { $0.participants.contains("fire") }
            #expect(!fireVisits.isEmpty)
            #expect(fireVisits.allSatisfy { $0.date != day }, "the revision avoids the day fire cannot do")
            #expect(v2.plan.unplaced.isEmpty)

            // Declining v2 for the same day again: composing again gives v2 itself, so no v3.
            try await wait("fire holds v2", on: fire) {
                (try? await call(fire, "plan", ["plan": planId], as: PlanView.self))?.plan.version == 2
            }
            _ = try await call(
                fire, "vote",
                ["plan": planId, "decision": "decline", "reason": "still unavailable", "unavailable": day.description],
                as: PlanView.self)
            try await wait("market holds fire's second decline", on: market) {
                try await call(market, "plan", ["plan": planId], as: PlanView.self).state == .declined
            }
            let again = await market.request(ControlRequest(command: "compose", arguments: ["period": "2026-Q3"]))
            #expect(!again.ok)
            #expect(again.error?.contains("no new version") == true, "\(again.error ?? "")")
            #expect(try await call(market, "plan", ["plan": planId], as: PlanView.self).plan.version == 2)
            // A superseded version cannot be voted on.
            let stale = await fire.request(
                ControlRequest(command: "vote", arguments: ["plan": planId, "version": "1", "decision": "accept"]))
            #expect(stale.error?.contains("superseded") == true)
        }
    }
}

extension InProcessAgentsTests {
    @Test("two leads composing the same period at once end with one standing plan, agreed by both")
    func concurrentComposersEndWithOnePlan() async throws {
        try await withAgents { market, fire in
            try await addJointIntents(market, fire)
            try await wait("fire holds both intents", on: fire) {
                try await call(fire, "summary", as: SummaryReply.self).counts["intents"] == 2
            }
            // Both compose without waiting for each other.
            async let atFire = fire.request(ControlRequest(command: "compose", arguments: ["period": "2026-Q3"]))
            async let atMarket = market.request(ControlRequest(command: "compose", arguments: ["period": "2026-Q3"]))
            let replies = await [atFire, atMarket]
            #expect(replies[0].ok, "\(replies[0].error ?? "")")
            if !replies[1].ok { #expect(replies[1].error?.contains("one plan per period") == true) }
            // Every agent ends with fire's plan (the smaller lead id) agreed, and market's, if
            // it was proposed, outcompeted by it.
            for node in [market, fire] {
                try await wait("one standing agreed plan", on: node) {
                    let views = try await call(node, "plans", as: [PlanView].self).filter { !$0.superseded }
                    let standing = views.filter { $0.outcompetedBy == nil }
                    return standing.count == 1 && standing[0].plan.lead == "fire" && standing[0].state == .agreed
                        && views.allSatisfy { $0.plan.lead == "fire" || $0.outcompetedBy == standing[0].plan.planId }
                }
            }
            let views = try await call(market, "plans", as: [PlanView].self)
            let intents = views.filter { !$0.superseded && $0.outcompetedBy == nil }.flatMap {
                $0.plan.visits.flatMap(\.intents)
            }
            #expect(intents.count == Set(intents).count && intents.count == 2, "every intent in exactly one visit")
        }
    }
}

extension InProcessAgentsTests {
    @Test("a revision never moves a visit that already has results, even onto a day its partner declined")
    func doneVisitsStay() async throws {
        try await withAgents(fireSettings: AgentSettings(consentPolicy: "manual")) { market, fire in
            let entities = try await call(
                fire, "entities", ["industry": "restaurant", "limit": "2"], as: [EntityRow].self
            ).map(\.code)
            for node in [market, fire] {
                for entity in entities {
                    _ = try await call(node, "intent", ["entity": entity, "period": "2026-Q3"], as: IntentRecord.self)
                }
            }
            try await wait("market holds every intent", on: market) {
                try await call(market, "summary", as: SummaryReply.self).counts["intents"] == 4
            }
            let v1 = try await call(market, "compose", ["period": "2026-Q3"], as: PlanView.self)
            let visits = v1.plan.visits.filter { $0.participants.contains("fire") }
            #expect(visits.count == 2)
            let done = try #require(visits.first)
            let item = try #require(done.items.first { $0.value == "market" }?.key)
            _ = try await call(
                market, "finding",
                [
                    "entity": done.entity, "item": item, "result": "compliant", "date": done.date.description,
                    "inspection": done.inspectionId,
                ], as: FindingReply.self)
            try await wait("fire holds v1", on: fire) {
                (try? await call(fire, "plan", ["plan": v1.plan.planId], as: PlanView.self))?.plan.version == 1
            }
            _ = try await call(
                fire, "vote",
                [
                    "plan": v1.plan.planId, "decision": "decline", "reason": "both days taken",
                    "unavailable": visits.map(\.date.description).joined(separator: ","),
                ], as: PlanView.self)
            try await wait("market's revision", on: market) {
                try await call(market, "plan", ["plan": v1.plan.planId], as: PlanView.self).plan.version == 2
            }
            let v2 = try await call(market, "plan", ["plan": v1.plan.planId], as: PlanView.self)
            let kept = try #require(v2.plan.visits.first { $0.inspectionId == done.inspectionId })
            #expect(kept.date == done.date && kept.participants == done.participants && kept.items == done.items)
            let other = try #require(
                v2.plan.visits.first { $0.entity != done.entity && $0.participants.contains("fire") })
            #expect(!visits.map(\.date).contains(other.date), "the visit without results moves off the declined days")
        }
    }
}

extension InProcessAgentsTests {
    @Test("items a partner declines as not covered leave the next version's checklist")
    func itemsNotCoveredLeaveTheChecklist() async throws {
        try await withAgents(fireSettings: AgentSettings(consentPolicy: "manual")) { market, fire in
            try await addJointIntents(market, fire)
            let v1 = try await call(market, "compose", ["period": "2026-Q3"], as: PlanView.self)
            let visit = try #require(v1.plan.visits.first { $0.participants.contains("fire") })
            let fireItems = visit.items.filter { $0.value == "fire" }.map(\.key).sorted()
            let item = try #require(fireItems.first)
            try await wait("fire holds v1", on: fire) {
                (try? await call(fire, "plan", ["plan": v1.plan.planId], as: PlanView.self))?.plan.version == 1
            }
            _ = try await call(
                fire, "vote",
                [
                    "plan": v1.plan.planId, "decision": "decline", "reason": "no gas detector this quarter",
                    "items-not-covered": item,
                ], as: PlanView.self)
            try await wait("market's revision", on: market) {
                try await call(market, "plan", ["plan": v1.plan.planId], as: PlanView.self).plan.version == 2
            }
            let v2 = try await call(market, "plan", ["plan": v1.plan.planId], as: PlanView.self)
            let revised = try #require(v2.plan.visits.first { $0.entity == visit.entity })
            #expect(revised.items[item] == nil, "the declined item is off the checklist")
            if fireItems.count > 1 {
                #expect(revised.participants.contains("fire"))
            } else {
                #expect(v2.plan.unplaced.contains { $0.reason == .itemsNotCovered })
            }
            let unknown = await fire.request(
                ControlRequest(
                    command: "vote",
                    arguments: [
                        "plan": v1.plan.planId, "decision": "decline", "reason": "x",
                        "items-not-covered": "fire.nothing",
                    ]))
            #expect(unknown.error?.contains("not in the catalog") == true)
        }
    }
}

extension InProcessAgentsTests {
    @Test("a catalog event signed by the authority is adopted from the bus; a forged one is refused and counted")
    func catalogEventsFromTheBus() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authority-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let authority = try AuthorityKey.generate(authority: "test-city", at: directory + "/real")
        let impostor = try AuthorityKey.generate(authority: "test-city", at: directory + "/impostor")
        let anchor = try TrustAnchor.load(from: AuthorityKey.anchorFile(directory + "/real"))
        var document = try BundledData.catalogDocument()
        document.version = 2
        let catalog = try Catalog(document)
        try await withAgents(anchor: anchor) { market, fire in
            // fire's log carries a forged catalog (same authority id, another key), then the real one.
            _ = try await fire.append([
                EventDraft(kind: .catalog, payload: try SignedCatalog.sign(catalog, with: impostor).serialized()),
                EventDraft(kind: .catalog, payload: Array("not a catalog".utf8)),
            ])
            _ = try await fire.append([
                EventDraft(kind: .catalog, payload: try SignedCatalog.sign(catalog, with: authority).serialized())
            ])
            for node in [market, fire] {
                try await wait("catalog 2 adopted", on: node) {
                    let summary = try await call(node, "summary", as: SummaryReply.self)
                    return summary.catalogVersion == 2 && summary.catalogsRefused == 2
                }
            }
            let held = try await call(market, "catalog", as: CatalogSummary.self)
            #expect(held.held == [1, 2] && held.authority == "test-city")
        }
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
