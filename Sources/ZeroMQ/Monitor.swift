import CZeroMQ
import Synchronization

private let monitorCounter = Atomic<Int>(0)

/// Receives the events of one monitored socket through an inproc PAIR socket
/// (`zmq_socket_monitor`). Made by ``Socket/startMonitor(events:)``.
///
/// Like a ``Socket``, a monitor belongs to one thread (it holds a PAIR socket). Add ``socket``
/// to a ``Poller`` to wait on it together with other sockets. Close it before terminating the
/// context; ``Socket/stopMonitor()`` on the monitored socket ends the event stream.
public final class Monitor {
    /// The PAIR socket that receives the events.
    public let socket: Socket
    /// The inproc endpoint the events travel through.
    public let endpoint: String

    init(socket: Socket, endpoint: String) {
        self.socket = socket
        self.endpoint = endpoint
    }

    /// Closes the PAIR socket.
    public func close() { socket.close() }

    /// Receives the next event; `nil` when `dontWait` and none is queued.
    public func receive(dontWait: Bool = false) throws -> MonitorEvent? {
        guard let message = try socket.receive(dontWait: dontWait) else { return nil }
        return try Self.decode(message.frames)
    }

    /// Receives the next event, waiting at most `timeoutMilliseconds`; `nil` on timeout.
    public func receive(timeoutMilliseconds: Int) throws -> MonitorEvent? {
        guard let message = try socket.receive(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        return try Self.decode(message.frames)
    }

    /// Skips events until one of `kinds` arrives, waiting at most `timeoutMilliseconds` in all.
    /// - Returns: that event, or `nil` when the time ran out first.
    public func waitFor(
        _ kinds: Set<MonitorEvent.Kind>, timeoutMilliseconds: Int
    ) throws -> MonitorEvent? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        while true {
            let left = clock.now.duration(to: deadline)
            guard left > .zero else { return nil }
            let ms = Int(left.components.seconds) * 1000 + Int(left.components.attoseconds / 1_000_000_000_000_000) + 1
            guard let event = try receive(timeoutMilliseconds: ms) else { return nil }
            if kinds.contains(event.kind) { return event }
        }
    }

    static func decode(_ frames: [[UInt8]]) throws -> MonitorEvent {
        guard frames.count == 2, frames[0].count == 6 else {
            throw ZMQError(operation: "Monitor.decode(\(frames.map(\.count)) frame sizes)", errno: EPROTO)
        }
        let head = frames[0]
        // Host byte order, as libzmq memcpy's it.
        let event = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt16.self) }
        let value = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
        return MonitorEvent(kind: .init(event), value: value, endpoint: String(decoding: frames[1], as: UTF8.self))
    }
}

extension Socket {
    /// Starts monitoring this socket: libzmq publishes `events` on a fresh inproc endpoint and
    /// the returned ``Monitor`` (a PAIR socket in the same context) is connected to it.
    ///
    /// Call on the socket's owner thread. One monitor per socket; a second call replaces the first.
    public func startMonitor(events: MonitorEvents = .all) throws -> Monitor {
        let handle = try open("zmq_socket_monitor")
        let endpoint = "inproc://zeromq.monitor.\(monitorCounter.add(1, ordering: .relaxed).newValue)"
        guard zmq_socket_monitor(handle, endpoint, events.rawValue) == 0 else {
            throw ZMQError.last("zmq_socket_monitor(\(endpoint))")
        }
        let pair = try context.makeSocket(.pair)
        try pair.connect(endpoint)
        return Monitor(socket: pair, endpoint: endpoint)
    }

    /// Stops the monitor started by ``startMonitor(events:)``; it receives ``MonitorEvent/Kind/monitorStopped``.
    public func stopMonitor() throws {
        let handle = try open("zmq_socket_monitor(stop)")
        guard zmq_socket_monitor(handle, nil, 0) == 0 else { throw ZMQError.last("zmq_socket_monitor(stop)") }
    }
}
