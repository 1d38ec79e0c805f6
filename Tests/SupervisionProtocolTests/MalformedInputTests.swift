import Foundation
import SwiftProtobuf
import Testing

@testable import SupervisionProtocol

/// Every way a frame can violate the contract gives a `ProtocolError` naming the rule.
@Suite struct MalformedInputTests {
    static let validBatch = Fixtures.batch(Fixtures.events(count: 3))
    static let validFrame = BusMessage.batch(validBatch).serializedBytes()

    private func rejection(_ bytes: [UInt8]) -> ProtocolError? {
        #expect(throws: ProtocolError.self) { try BusMessage(serializedBytes: bytes) }
    }

    private func rejection(_ message: BusMessage) -> ProtocolError? {
        rejection(message.serializedBytes())
    }

    private func rejection(_ wire: Jointsupervision_V1_BusMessage) -> ProtocolError? {
        rejection(try! wire.serializedBytes() as [UInt8])
    }

    @Test func everyTruncationIsRejected() {
        for length in 0..<Self.validFrame.count {
            let prefix = Array(Self.validFrame.prefix(length))
            #expect(throws: ProtocolError.self, "prefix of \(length) bytes") { try BusMessage(serializedBytes: prefix) }
        }
        #expect(rejection(Array(Self.validFrame.dropLast(1)))?.code == .malformed)
    }

    @Test func garbageIsMalformed() {
        #expect(rejection([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])?.code == .malformed)
        #expect(rejection([0x12, 0x05, 0x0a])?.code == .malformed)  // length 5, 1 byte present
    }

    @Test func anEmptyFrameOrAnUnknownBodyIsAnUnknownMessage() {
        #expect(rejection([])?.code == .unknownMessage)
        #expect(rejection([0xfa, 0x01, 0x02, 0x08, 0x01])?.code == .unknownMessage)  // body field 31
    }

    @Test func invalidUTF8IsMalformed() {
        // Hello with department = 0xff (field 1 of Hello, inside field 1 of BusMessage).
        #expect(rejection([0x0a, 0x03, 0x0a, 0x01, 0xff])?.code == .malformed)
    }

    @Test func wrongHashLengthsAreInvalidFields() {
        var wire = Jointsupervision_V1_BusMessage()
        wire.batch = Self.validBatch.wire
        wire.batch.events[1].prevHash = Data(count: 31)
        let error = rejection(wire)
        #expect(error?.code == .invalidField && error?.field == "batch.events[1].prev_hash")

        wire.batch = Self.validBatch.wire
        wire.batch.events[0].payloadHash = Data(count: 33)
        #expect(rejection(wire)?.field == "batch.events[0].payload_hash")

        wire.batch = Self.validBatch.wire
        wire.batch.checkpoint.eventHash = Data()
        #expect(rejection(wire)?.field == "batch.checkpoint.event_hash")

        wire.batch = Self.validBatch.wire
        wire.batch.checkpoint.signature = Data(count: 63)
        #expect(rejection(wire)?.field == "batch.checkpoint.signature")

        var head = Jointsupervision_V1_BusMessage()
        head.head.entries = [Jointsupervision_V1_HeadEntry()]
        head.head.entries[0].origin = "fire"
        head.head.entries[0].hash = Data(count: 16)
        #expect(rejection(head)?.field == "head.entries[0].hash")
    }

    @Test func eventRulesAreEnforced() {
        func withEvent(_ change: (inout EventEnvelope) -> Void) -> ProtocolError? {
            var batch = Self.validBatch
            change(&batch.events[0])
            return rejection(.batch(batch))
        }
        #expect(withEvent { $0.origin = "" }?.field == "batch.events[0].origin")
        #expect(withEvent { $0.origin = "Fire" }?.code == .invalidField)
        #expect(withEvent { $0.origin = String(repeating: "a", count: 33) }?.code == .invalidField)
        #expect(withEvent { $0.seq = 0 }?.field == "batch.events[0].seq")
        #expect(withEvent { $0.prevHash = .ofEmpty }?.field == "batch.events[0].prev_hash")  // seq 1
        #expect(withEvent { $0.kind = "" }?.field == "batch.events[0].kind")
        #expect(withEvent { $0.kind = "Plan Proposal" }?.field == "batch.events[0].kind")
    }

    @Test func batchRulesAreEnforced() {
        var empty = Self.validBatch
        empty.events = []
        let emptyError = rejection(.batch(empty))
        #expect(emptyError?.code == .inconsistentBatch && emptyError?.field == "batch.events")

        var gap = Self.validBatch
        gap.events.remove(at: 1)
        let gapError = rejection(.batch(gap))
        #expect(gapError?.code == .inconsistentBatch && gapError?.field == "batch.events[1].seq")

        var reordered = Self.validBatch
        reordered.events.swapAt(1, 2)
        #expect(rejection(.batch(reordered))?.code == .inconsistentBatch)

        var foreign = Self.validBatch
        foreign.events[2].origin = "market"
        #expect(rejection(.batch(foreign))?.field == "batch.events[2].origin")

        var shortCheckpoint = Self.validBatch
        shortCheckpoint.checkpoint.seq = 2
        #expect(rejection(.batch(shortCheckpoint))?.field == "batch.checkpoint.seq")

        var otherOrigin = Self.validBatch
        otherOrigin.checkpoint.origin = "market"
        #expect(rejection(.batch(otherOrigin))?.field == "batch.checkpoint.origin")

        var noCheckpoint = Jointsupervision_V1_BusMessage()
        noCheckpoint.batch = Self.validBatch.wire
        noCheckpoint.batch.clearCheckpoint()
        #expect(rejection(noCheckpoint)?.field == "batch.checkpoint")
    }

    @Test func controlMessageRulesAreEnforced() {
        #expect(rejection(.hello(Hello(department: "", agent: "a", heads: [])))?.field == "hello.department")
        #expect(
            rejection(.hello(Hello(department: "fire", agent: "a", protocolVersion: 0, heads: [])))?.field
                == "hello.protocol_version")
        let entry = HeadEntry(origin: "fire", seq: 1, hash: .ofEmpty)
        #expect(rejection(.head(Head(entries: [entry, entry])))?.field == "head.entries[1].origin")
        #expect(
            rejection(.head(Head(entries: [HeadEntry(origin: "fire", seq: 0, hash: .ofEmpty)])))?.field
                == "head.entries[0].hash")
        #expect(
            rejection(.fetch(FetchRequest(requestId: 0, origin: "fire", fromSeq: 1, toSeq: 2)))?.field
                == "fetch.request_id")
        #expect(
            rejection(.fetch(FetchRequest(requestId: 1, origin: "fire", fromSeq: 0, toSeq: 2)))?.field
                == "fetch.from_seq")
        #expect(
            rejection(.fetch(FetchRequest(requestId: 1, origin: "fire", fromSeq: 5, toSeq: 4)))?.field
                == "fetch.to_seq")
        #expect(rejection(.miss(FetchMiss(requestId: 0, origin: "fire", heldSeq: 0)))?.field == "miss.request_id")
        #expect(rejection(.miss(FetchMiss(requestId: 1, origin: "", heldSeq: 0)))?.field == "miss.origin")
    }

    @Test func payloadRulesAreEnforced() {
        #expect(throws: ProtocolError.self) {
            try IntentPayload(serializedBytes: [0x1a, 0x03, 0x61, 0x62, 0x63])  // window_start "abc"
        }
        var vote = Jointsupervision_V1_PlanVote()
        vote.planHash = Data(count: 8)
        let error = #expect(throws: ProtocolError.self) {
            try PlanVotePayload(serializedBytes: try vote.serializedBytes() as [UInt8])
        }
        #expect(error?.field == "plan_hash")
        let event = EventEnvelope(
            origin: "fire", seq: 1, prevHash: .zero, timestampMs: 0, payload: TestPayload(body: [1]))
        #expect((#expect(throws: ProtocolError.self) { try IntentPayload(event: event) })?.code == .wrongKind)
        #expect(throws: ProtocolError.self) { try TestPayload(serializedBytes: [0x0a, 0x09]) }
    }

    @Test func errorsDescribeThemselves() {
        let error = ProtocolError(.invalidField, field: "batch.events[1].seq", "must be at least 1")
        #expect(error.description == "invalid-field: batch.events[1].seq: must be at least 1")
        #expect(ProtocolError(.malformed, "x").description == "malformed: x")
    }
}
