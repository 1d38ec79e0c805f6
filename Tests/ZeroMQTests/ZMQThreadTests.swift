import Synchronization
import Testing
import ZeroMQ

@Suite("ZMQThread", .timeLimit(.minutes(1)))
struct ZMQThreadTests {
    struct Boom: Error {}

    @Test func runReturnsTheResult() async throws {
        let value = try await ZMQThread.run(name: "answer") { 6 * 7 }
        #expect(value == 42)
    }

    @Test func errorsPropagate() async {
        await #expect(throws: Boom.self) { try await ZMQThread<Int>.run(name: "boom") { throw Boom() } }
    }

    @Test func aSocketLoopRunsOffThePool() async throws {
        let context = try Context()
        let echo = ZMQThread<Int>(name: "echo") {
            let rep = try context.makeSocket(.rep)
            defer { rep.close() }
            try rep.bind("inproc://echo")
            var served = 0
            while let request = try rep.receive(), request.frames != [bytes("stop")] {
                try rep.send(request)
                served += 1
            }
            try rep.send([bytes("bye")])
            return served
        }
        let client = ZMQThread<[String]>(name: "client") {
            let req = try context.makeSocket(.req)
            defer { req.close() }
            try req.connect("inproc://echo")
            var replies: [String] = []
            for text in ["a", "b", "stop"] {
                try req.send([bytes(text)])
                replies += try req.receive()?.strings ?? []
            }
            return replies
        }
        #expect(try await client.value == ["a", "b", "bye"])
        #expect(try await echo.value == 2)
        #expect(echo.isFinished)
        context.terminate()
    }

    @Test func aSocketCanBeHandedOverOnce() async throws {
        let context = try Context()
        let pull = try context.makeSocket(.pull)
        try pull.bind("inproc://handover")
        let push = try context.makeSocket(.push)
        try push.connect("inproc://handover")
        try push.send([bytes("hi")])
        push.close()
        // `pull` is sent to the thread (region-based isolation): it cannot be used here any more.
        let received = try await ZMQThread.run(name: "owner") { [pull] in
            defer { pull.close() }
            return try pull.receive()?.strings ?? []
        }
        #expect(received == ["hi"])
        context.terminate()
    }
}
