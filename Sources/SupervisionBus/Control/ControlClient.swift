import Foundation
import ZeroMQ

/// A blocking client of an agent's control endpoint, for `jointctl` and tests.
///
/// Uses a DEALER with an empty delimiter frame (REQ framing without REQ's lock-step), so a
/// lost reply is a time-out, not a stuck socket. Blocking: call it from a plain thread
/// (e.g. ``ZMQThread``), never from Swift's cooperative pool.
public final class ControlClient {
    private let socket: Socket
    /// The endpoint this client talks to.
    public let endpoint: String

    /// Connects to `endpoint` (connecting succeeds even if no agent listens yet).
    public init(context: Context, endpoint: String) throws {
        self.endpoint = endpoint
        socket = try context.makeSocket(.dealer)
        try socket.set(.linger, 0)
        try socket.connect(endpoint)
    }

    /// Sends `request` once (no retry) and waits up to `timeoutMs` for the reply.
    ///
    /// After a time-out the request may still run at the agent: send it again with the same
    /// ``ControlRequest/requestId`` to get its reply without running it twice.
    ///
    /// - Throws: ``BusError`` `.transport` when no agent answers in time (is it running?);
    ///   `.invalidConfiguration` when the request is larger than ``ControlRequest/maxBytes``.
    public func send(_ request: ControlRequest, timeoutMs: Int = 5000) throws -> ControlReply {
        let body = Array(try JSONEncoder().encode(request))
        guard body.count <= ControlRequest.maxBytes else {
            throw BusError(
                .invalidConfiguration,
                "the \(request.command) request is \(body.count) bytes; the control endpoint takes at most \(ControlRequest.maxBytes) (split the input)"
            )
        }
        guard try socket.send([[], body], dontWait: true) else {
            throw BusError(.transport, "no agent is listening at \(endpoint); start it or check the endpoint")
        }
        guard let reply = try socket.receive(timeoutMilliseconds: timeoutMs) else {
            throw BusError(.transport, "no reply from \(endpoint) within \(timeoutMs) ms; is the agent running?")
        }
        guard reply.frames.count == 2 else {
            throw BusError(.transport, "malformed reply from \(endpoint)")
        }
        return try JSONDecoder().decode(ControlReply.self, from: Data(reply.frames[1]))
    }

    /// Closes the socket.
    public func close() { socket.close() }
}
