import Foundation
import SwiftProtobuf
import Testing

@testable import SupervisionProtocol

@Suite struct RoundTripTests {
    static let hash = Hash256.sha256(of: [42])

    static let messages: [BusMessage] = [
        .hello(Hello(department: "market", agent: "agent/1", heads: [HeadEntry(origin: "fire", seq: 9, hash: hash)])),
        .batch(Fixtures.batch(Fixtures.events(count: 4), requestId: 77)),
        .head(
            Head(entries: [
                HeadEntry(origin: "fire", seq: 9, hash: hash), HeadEntry(origin: "market", seq: 1, hash: hash),
            ])),
        .head(Head(entries: [])),
        .fetch(FetchRequest(requestId: .max, origin: "fire", fromSeq: 1, toSeq: .max, maxEvents: 4096)),
        .miss(FetchMiss(requestId: 1, origin: "culture", heldSeq: 0)),
    ]

    @Test(arguments: messages) func busMessagesRoundTrip(message: BusMessage) throws {
        #expect(try BusMessage(serializedBytes: message.serializedBytes()) == message)
    }

    @Test func envelopesAndCheckpointsRoundTripOnTheirOwn() throws {
        let batch = Fixtures.batch(Fixtures.events(count: 2))
        #expect(try EventEnvelope(serializedBytes: batch.events[1].serializedBytes()) == batch.events[1])
        #expect(try Checkpoint(serializedBytes: batch.checkpoint.serializedBytes()) == batch.checkpoint)
    }

    static let ref = EventRef(origin: "fire", seq: 3)

    @Test func payloadsRoundTrip() throws {
        let intent = IntentPayload(
            department: "fire", entity: "91310101MA1FPX0001", windowStart: "2026-07-01", windowEnd: "2026-09-30",
            itemIds: ["a", "b"], reason: .randomDraw, draw: DrawReference(period: "2026-Q3", seed: "ab"))
        #expect(try IntentPayload(serializedBytes: intent.serializedBytes()) == intent)
        let plan = PlanProposalPayload(
            planId: "p", version: 2, planHash: Self.hash, period: "2026-Q3",
            inspections: [
                JointInspection(
                    inspectionId: "i", entity: "e", date: "2026-08-01", lead: "culture",
                    participants: ["culture", "fire"],
                    items: [ChecklistItem(itemId: "x", owner: "fire")],
                    inspectors: [InspectorQuota(department: "fire", count: 2)],
                    intents: [Self.ref])
            ],
            singleVisits: [
                SingleVisit(
                    inspectionId: "s", entity: "e2", department: "fire", date: "", itemIds: ["y"], intent: nil,
                    reason: .urgent)
            ])
        #expect(try PlanProposalPayload(serializedBytes: plan.serializedBytes()) == plan)
        let vote = PlanVotePayload(planId: "p", version: 2, planHash: Self.hash, decision: .decline, reason: "date")
        #expect(try PlanVotePayload(serializedBytes: vote.serializedBytes()) == vote)
        let finding = FindingPayload(
            inspectionId: "i", entity: "e", itemId: "x", result: .notApplicable,
            measurements: [Quantity(name: "n", value: 0.25, unit: "ratio")], evidenceHashes: [Self.hash],
            recordedDate: "2026-08-01")
        #expect(try FindingPayload(serializedBytes: finding.serializedBytes()) == finding)
        let referral = ReferralPayload(
            referralId: "r", fromDepartment: "fire", toDepartment: "market", finding: Self.ref, category: "c",
            acceptDue: "2026-08-03")
        #expect(try ReferralPayload(serializedBytes: referral.serializedBytes()) == referral)
        let ack = ReferralAckPayload(referralId: "r", status: .feedback, note: "done", referral: Self.ref)
        #expect(try ReferralAckPayload(serializedBytes: ack.serializedBytes()) == ack)
        let assignment = InspectorAssignmentPayload(
            planId: "p", inspectionId: "i", department: "fire", inspectorIds: ["insp-7f3a"], planVersion: 2)
        #expect(try InspectorAssignmentPayload(serializedBytes: assignment.serializedBytes()) == assignment)
        let drawn = InspectorAssignmentPayload(
            planId: "p", inspectionId: "i", department: "fire", inspectorIds: [], planVersion: 2,
            rosterHash: Self.hash, seed: "lottery", unassignedReason: "too few inspectors")
        #expect(try InspectorAssignmentPayload(serializedBytes: drawn.serializedBytes()) == drawn)
        let test = TestPayload(body: [0, 1, 2])
        #expect(try TestPayload(serializedBytes: test.serializedBytes()) == test)
        #expect(try TestPayload(serializedBytes: []) == TestPayload(body: []))
    }

    @Test func drawOutcomeAndMembershipRoundTrip() throws {
        let draw = DrawRecordPayload(
            department: "fire", period: "2026-Q3", seed: "ab", algorithmVersion: "draw/1", resultHash: Self.hash,
            targetCount: 12)
        #expect(try DrawRecordPayload(serializedBytes: draw.serializedBytes()) == draw)
        let committed = DrawRecordPayload(
            department: "fire", period: "2026-Q3", seed: "ab", algorithmVersion: "draw/1", resultHash: Self.hash,
            targetCount: 12, registerHash: Self.hash, rosterHash: Self.hash)
        #expect(try DrawRecordPayload(serializedBytes: committed.serializedBytes()) == committed)
        for decision in [
            OutcomePayload.Decision.noPenalty(
                .init(reminder: true, commitment: true, correctionDeadline: "2026-08-20")),
            .enforcement(.init(caseId: "case-1")), .unknown,
        ] {
            let outcome = OutcomePayload(finding: Self.ref, decision: decision)
            #expect(try OutcomePayload(serializedBytes: outcome.serializedBytes()) == outcome)
        }
        let membership = MembershipPayload(
            version: 3, issuedMs: 1, expiresMs: 2,
            departments: [
                .init(
                    id: "fire", name: "Fire", busEndpoint: "tcp://198.18.0.2:7100",
                    curvePublicKey: [UInt8](repeating: 1, count: 32),
                    signingKeys: [0: [UInt8](repeating: 2, count: 32), 1: [UInt8](repeating: 3, count: 32)],
                    roles: ["inspector"], receivableKinds: ["finding"]),
                .init(id: "market", name: "Market", busEndpoint: "tcp://198.18.0.3:7100", signingKeys: [:]),
            ],
            signature: .init(authority: "authority", keyId: 0, signature: [UInt8](repeating: 4, count: 64)))
        #expect(try MembershipPayload(serializedBytes: membership.serializedBytes()) == membership)
        var duplicate = membership
        duplicate.departments[1].id = "fire"
        #expect(throws: ProtocolError.self) { try MembershipPayload(serializedBytes: duplicate.serializedBytes()) }
        var shortKey = membership
        shortKey.departments[0].signingKeys[0] = [1]
        #expect(throws: ProtocolError.self) { try MembershipPayload(serializedBytes: shortKey.serializedBytes()) }
    }

    @Test func enumValuesOfLaterVersionsSurvive() throws {
        let vote = PlanVotePayload(planId: "p", version: 1, planHash: Self.hash, decision: .unrecognized(9))
        let decoded = try PlanVotePayload(serializedBytes: vote.serializedBytes())
        #expect(decoded.decision == .unrecognized(9) && decoded.decision.wireValue == 9)
        #expect(ReferralStatus(wireValue: 3) == .caseOpened && FindingResult(wireValue: 0) == .unspecified)
    }

    @Test func unknownFieldsAreIgnoredInBusMessagesAndKeptInPayloads() throws {
        // A later version adds field 15 to Event and field 20 to BusMessage.
        let batch = Fixtures.batch(Fixtures.events(count: 1))
        var wire = Jointsupervision_V1_BusMessage()
        wire.batch = batch.wire
        var bytes: [UInt8] = try wire.serializedBytes()
        bytes += [0xa0, 0x01, 0x05]  // BusMessage field 20, varint 5
        let decoded = try BusMessage(serializedBytes: bytes)
        #expect(decoded == .batch(batch))

        // A payload with an unknown field (99) decodes, and its bytes travel unchanged.
        let payload = TestPayload(body: [7]).serializedBytes() + [0x98, 0x06, 0x07]
        let event = EventEnvelope(
            origin: "fire", seq: 1, prevHash: .zero, timestampMs: 0, kind: .test, payload: payload)
        let relayed = try EventEnvelope(serializedBytes: event.serializedBytes())
        #expect(relayed.payload == payload && relayed.computeHash() == event.computeHash())
        #expect(try TestPayload(event: relayed) == TestPayload(body: [7]))
    }

    @Test func unknownKindsTravelUninterpreted() throws {
        let event = EventEnvelope(
            origin: "fire", seq: 1, prevHash: .zero, timestampMs: 0, kind: "x-future.kind", payload: [1, 2, 3])
        let batch = Fixtures.batch([event])
        guard case .batch(let decoded) = try BusMessage(serializedBytes: BusMessage.batch(batch).serializedBytes())
        else {
            Issue.record("not a batch")
            return
        }
        #expect(decoded.events[0].kind.rawValue == "x-future.kind" && decoded.events[0].payload == [1, 2, 3])
        #expect(try decoded.verifyChain(after: .zero).count == 1)
    }
}
