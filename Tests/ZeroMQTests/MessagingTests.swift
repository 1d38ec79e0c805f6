import Foundation
import Testing
import ZeroMQ

@Suite("Sending and receiving", .timeLimit(.minutes(1)))
struct MessagingTests {
    @Test(arguments: Transport.allCases)
    func sixteenMebibyteFrameArrivesWhole(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let (pull, push) = try fixture.pair(bind: .pull, connect: .push)
        let big = [UInt8].pattern(16 << 20)
        try push.send([bytes("head"), big, []])
        let message = try #require(try pull.receive(timeoutMilliseconds: 20_000))
        #expect(message.frames.count == 3)
        #expect(message.frames[0] == bytes("head"))
        #expect(message.frames[1].count == 16 << 20)
        let intact = message.frames[1] == big  // outside #expect, which would describe 16 MiB
        #expect(intact)
        #expect(message.frames[2] == [])
    }

    @Test(arguments: Transport.allCases)
    func emptyFramesSurvive(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let (router, dealer) = try fixture.pair(bind: .router, connect: .dealer)
        try dealer.set(.routingId, bytes("d1"))  // after connect: applies to later connections only
        try dealer.send([[]])
        try dealer.send([[], [], [1], []])
        let first = try #require(try router.receive(timeoutMilliseconds: 5000))
        #expect(first.frames.count == 2)
        #expect(first.frames[1] == [])
        let second = try #require(try router.receive(timeoutMilliseconds: 5000))
        #expect(Array(second.frames.dropFirst()) == [[], [], [1], []])
        // Reply through the envelope: routing id, empty delimiter, empty body.
        try router.send([second.frames[0], [], []])
        #expect(try dealer.receive(timeoutMilliseconds: 5000)?.frames == [[], []])
    }

    @Test(arguments: Transport.allCases)
    func multipartMessagesAreAtomic(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        // High-water marks apply to connections made after they are set.
        let pull = try fixture.socket(.pull)
        try pull.set(.receiveHighWaterMark, 5)
        try pull.bind(fixture.endpoint())
        let push = try fixture.socket(.push)
        try push.set(.sendHighWaterMark, 5)
        try push.connect(pull.lastEndpoint)
        try push.send([bytes("hello")])  // wait until connected
        #expect(try pull.receive(timeoutMilliseconds: 5000)?.strings == ["hello"])
        // Fill until the high-water mark refuses: a refused message must leave no frame behind.
        var sent = 0
        while sent < 200_000, try push.send([bytes("a\(sent)"), .pattern(4096), bytes("z\(sent)")], dontWait: true) {
            sent += 1
        }
        #expect(sent < 200_000)
        var received = 0
        var complete = 0
        while let message = try pull.receive(timeoutMilliseconds: received < sent ? 5000 : 200) {
            // (Plain comparisons: #expect would describe the 4 KiB frame each time.)
            if message.frames == [bytes("a\(received)"), .pattern(4096), bytes("z\(received)")] { complete += 1 }
            received += 1
        }
        #expect(complete == received)
        #expect(received == sent)
    }

    @Test(arguments: Transport.allCases)
    func nonBlockingSendReturnsFalseAtHighWaterMark(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let (xpub, sub) = try fixture.pair(bind: .xpub, connect: .sub)
        try xpub.set(.xpubNoDrop, true)
        try xpub.set(.sendHighWaterMark, 10)
        try sub.set(.receiveHighWaterMark, 10)
        try sub.subscribe()
        // XPUB sees the subscription once the connection is up.
        #expect(try xpub.receive(timeoutMilliseconds: 5000)?.frames == [[1]])
        var accepted = 0
        var refused = false
        for _ in 0..<200_000 {
            if try xpub.send([.pattern(4096)], dontWait: true) {
                accepted += 1
            } else {
                refused = true
                break
            }
        }
        #expect(refused)
        #expect(accepted >= 10)
        // Nothing was dropped: the subscriber gets every accepted message.
        var received = 0
        while try sub.receive(timeoutMilliseconds: received < accepted ? 5000 : 100) != nil { received += 1 }
        #expect(received == accepted)
    }

    @Test(arguments: Transport.allCases)
    func routerMandatoryReportsUnreachablePeers(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let router = try fixture.socket(.router)
        try router.set(.routerMandatory, true)
        try router.bind(fixture.endpoint())
        let dealer = try fixture.socket(.dealer)
        try dealer.set(.routingId, bytes("known"))
        try dealer.connect(router.lastEndpoint)
        try dealer.send([bytes("hello")])
        #expect(try router.receive(timeoutMilliseconds: 5000)?.frames == [bytes("known"), bytes("hello")])

        let error = #expect(throws: ZMQError.self) { try router.send([bytes("nobody"), bytes("x")]) }
        #expect(error?.isHostUnreachable == true)
        #expect(error?.operation == "zmq_send(ROUTER)")
        // Nothing of the refused message leaked; the known peer still works.
        try router.send([bytes("known"), bytes("reply")])
        #expect(try dealer.receive(timeoutMilliseconds: 5000)?.frames == [bytes("reply")])

        // Without the option the same message is dropped silently.
        try router.set(.routerMandatory, false)
        #expect(try router.send([bytes("nobody"), bytes("x")]))
    }

    @Test(arguments: Transport.allCases)
    func everyPatternDelivers(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        // REQ/REP
        let (rep, req) = try fixture.pair(bind: .rep, connect: .req)
        try req.send([bytes("ping")])
        #expect(try rep.receive(timeoutMilliseconds: 5000)?.strings == ["ping"])
        try rep.send([bytes("pong")])
        #expect(try req.receive(timeoutMilliseconds: 5000)?.strings == ["pong"])
        // PAIR
        let (left, right) = try fixture.pair(bind: .pair, connect: .pair)
        try right.send(Message("a", "b"))
        #expect(try left.receive(timeoutMilliseconds: 5000)?.strings == ["a", "b"])
        // PUB/SUB with a prefix filter
        let (pub, sub) = try fixture.pair(bind: .pub, connect: .sub)
        try sub.subscribe("probe")
        try sub.subscribe("news.")
        try awaitSubscription(publisher: pub, subscriber: sub)
        try sub.unsubscribe("probe")
        try pub.send([bytes("sport.x")])
        try pub.send([bytes("news.y"), bytes("body")])
        #expect(try sub.receive(timeoutMilliseconds: 5000)?.strings == ["news.y", "body"])
        // XPUB/XSUB: subscriptions are visible messages
        let (xpub, xsub) = try fixture.pair(bind: .xpub, connect: .xsub)
        try xsub.send([[1] + bytes("t")])
        #expect(try xpub.receive(timeoutMilliseconds: 5000)?.frames == [[1] + bytes("t")])
        try xpub.send([bytes("t1")])
        #expect(try xsub.receive(timeoutMilliseconds: 5000)?.strings == ["t1"])
    }

    @Test(arguments: Transport.allCases)
    func lowLevelFramesAndZeroCopyReceive(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let (pull, push) = try fixture.pair(bind: .pull, connect: .push)
        try push.send(frame: bytes("one"), more: true)
        _ = try [UInt8](repeating: 9, count: 100).withUnsafeBytes { try push.send(bytes: $0, more: true) }
        try push.send(frame: [])
        var poller = Poller()
        poller.add(pull, events: .readable)
        #expect(try poller.poll(timeoutMilliseconds: 5000) == [.readable])
        var seen: [(Int, Bool)] = []
        #expect(try pull.receiveFrames { frame, more in seen.append((frame.count, more)) })
        #expect(seen.map(\.0) == [3, 100, 0])
        #expect(seen.map(\.1) == [true, true, false])
        #expect(try pull.receiveFrames(dontWait: true) { _, _ in } == false)
        #expect(try pull.receive(dontWait: true) == nil)
    }

    @Test func sendingNoFramesIsAnError() throws {
        let context = try Context()
        let push = try context.makeSocket(.push)
        let error = #expect(throws: ZMQError.self) { try push.send([]) }
        #expect(error?.errno == EINVAL)
        push.close()
        context.terminate()
    }
}
