import Foundation
import Testing
import ZeroMQ

@Suite("Errors")
struct ErrorTests {
    @Test func errorsCarryOperationErrnoAndText() throws {
        let context = try Context()
        defer { context.terminate() }
        let socket = try context.makeSocket(.pull)
        defer { socket.close() }
        let error = try #require(throws: ZMQError.self) { try socket.bind("tcp://127.0.0.1:notaport") }
        #expect(error.operation == "zmq_bind(tcp://127.0.0.1:notaport)")
        #expect(error.errno == EINVAL)
        #expect(error.message == String(cString: strerror(EINVAL)))
        #expect(error.description == "zmq_bind(tcp://127.0.0.1:notaport) failed: Invalid argument (errno \(EINVAL))")

        let bogus = try #require(throws: ZMQError.self) { try socket.connect("nosuch://x") }
        #expect(bogus.operation == "zmq_connect(nosuch://x)")
        #expect(bogus.message == "Protocol not supported")
    }

    @Test(arguments: Transport.allCases)
    func wrongStateIsReported(_ transport: Transport) throws {
        let fixture = try Fixture(transport)
        defer { fixture.finish() }
        let (_, req) = try fixture.pair(bind: .rep, connect: .req)
        try req.send([bytes("one")])
        let error = try #require(throws: ZMQError.self) { try req.send([bytes("two")]) }
        #expect(error.isWrongState)
        #expect(error.operation == "zmq_send(REQ)")
        #expect(error.description.contains("Operation cannot be accomplished in current state"))
    }

    @Test func closedSocketsSayClosed() throws {
        let context = try Context()
        let socket = try context.makeSocket(.push)
        socket.close()
        socket.close()
        let error = try #require(throws: ZMQError.self) { try socket.send([bytes("x")]) }
        #expect(error.isSocketClosed)
        #expect(error.operation == "zmq_send(PUSH)")
        context.terminate()
    }
}
