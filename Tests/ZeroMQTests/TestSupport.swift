import Foundation
import Testing
import ZeroMQ

/// The transports every behaviour is tested over.
enum Transport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inproc, ipc, tcp

    var testDescription: String { rawValue }

    /// Transports that run the ZMTP handshake (security, monitor connection events); inproc does not.
    static let networked: [Transport] = [.ipc, .tcp]
}

/// A temporary directory for ipc socket files, removed by `remove()`.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "zmqtest.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// One context plus an endpoint factory for a transport; cleans up in `finish()`.
final class Fixture {
    let transport: Transport
    let context: Context
    private let directory: TemporaryDirectory?
    private var counter = 0
    private var sockets: [Socket] = []

    init(_ transport: Transport, linger: Int32 = 100) throws {
        self.transport = transport
        context = try Context(defaultLingerMilliseconds: linger)
        directory = transport == .ipc ? try TemporaryDirectory() : nil
    }

    /// A fresh endpoint to bind: tcp uses a wildcard port (connect to the bound socket's `lastEndpoint`).
    func endpoint() -> String {
        counter += 1
        switch transport {
        case .inproc: return "inproc://test-\(counter)-\(UUID().uuidString)"
        case .ipc: return "ipc://\(directory!.path)/s\(counter)"
        case .tcp: return "tcp://127.0.0.1:*"
        }
    }

    /// A socket closed by `finish()`.
    func socket(_ type: SocketType) throws -> Socket {
        let socket = try context.makeSocket(type)
        sockets.append(socket)
        return socket
    }

    /// Binds a new `bindType` socket and connects a new `connectType` socket to it.
    func pair(bind bindType: SocketType, connect connectType: SocketType) throws -> (bound: Socket, connected: Socket) {
        let bound = try socket(bindType)
        try bound.bind(endpoint())
        let connected = try socket(connectType)
        try connected.connect(bound.lastEndpoint)
        return (bound, connected)
    }

    /// Closes all sockets, terminates the context, removes the ipc directory.
    func finish() {
        for socket in sockets { socket.close() }
        context.terminate()
        directory?.remove()
    }
}

/// Sends `probe` on `publisher` (PUB/XPUB) until `subscriber` receives one; afterwards the
/// subscription is known to be in place (no slow-joiner loss). Drains the probes.
func awaitSubscription(publisher: Socket, subscriber: Socket, topic: [UInt8] = Array("probe".utf8)) throws {
    for _ in 0..<500 {
        try publisher.send([topic], dontWait: true)
        if try subscriber.receive(timeoutMilliseconds: 10) != nil {
            while try subscriber.receive(timeoutMilliseconds: 20) != nil {}
            return
        }
    }
    Issue.record("subscription never arrived")
}

extension Array where Element == UInt8 {
    /// Deterministic filler bytes.
    static func pattern(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var value = UInt32(seed)
            for index in 0..<count {
                value = value &* 1_103_515_245 &+ 12_345
                buffer[index] = UInt8(truncatingIfNeeded: value >> 16)
            }
            initialized = count
        }
    }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
