import Testing
import ZeroMQ

@Suite("Poller", .timeLimit(.minutes(1)))
struct PollerTests {
    @Test(arguments: Transport.allCases)
    func timeoutAndReadiness(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let (pullA, pushA) = try fixture.pair(bind: .pull, connect: .push)
        let (pullB, pushB) = try fixture.pair(bind: .pull, connect: .push)
        var poller = Poller()
        let a = poller.add(pullA, events: .readable)
        let b = poller.add(pullB, events: .readable)
        let clock = ContinuousClock()
        let start = clock.now
        let idle = try poller.poll(timeoutMilliseconds: 150)
        #expect(idle == [[], []])
        #expect(clock.now - start >= .milliseconds(140))

        try pushB.send([bytes("b")])
        let ready = try poller.poll(timeoutMilliseconds: 5000)
        #expect(ready[a] == [])
        #expect(ready[b] == .readable)
        #expect(try pullB.receive(dontWait: true)?.strings == ["b"])
        #expect(try poller.poll(timeoutMilliseconds: 0) == [[], []])

        var writers = Poller()
        writers.add(pushA, events: [.readable, .writable])
        #expect(try writers.poll(timeoutMilliseconds: 5000) == [.writable])
        #expect(try pushA.get(.events).contains(.writable))
    }

    @Test func closedSocketIsReported() throws {
        let context = try Context()
        let socket = try context.makeSocket(.pull)
        var poller = Poller()
        poller.add(socket, events: .readable)
        socket.close()
        let error = #expect(throws: ZMQError.self) { try poller.poll(timeoutMilliseconds: 0) }
        #expect(error?.isSocketClosed == true)
        context.terminate()
    }
}
