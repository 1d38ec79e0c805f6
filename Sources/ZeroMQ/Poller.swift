import CZeroMQ

/// Readiness flags for ``Poller`` (`ZMQ_POLLIN`, `ZMQ_POLLOUT`, `ZMQ_POLLERR`).
public struct PollEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// A message can be received without blocking.
    public static let readable = PollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// A message can be sent without blocking.
    public static let writable = PollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// An error condition (file descriptors only).
    public static let error = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}

/// Waits on several sockets (and plain file descriptors) at once with `zmq_poll`.
///
/// Like the sockets it holds, a poller belongs to their owner thread, and ``poll(timeoutMilliseconds:)``
/// blocks: never call it on Swift's cooperative pool.
///
/// ```swift
/// var poller = Poller()
/// let input = poller.add(router, events: .readable)
/// let control = poller.add(pipe, events: .readable)
/// let ready = try poller.poll(timeoutMilliseconds: 1000)   // [] of .readable/.writable per item
/// if ready[input].contains(.readable) { … }
/// ```
public struct Poller {
    private var items: [zmq_pollitem_t] = []
    private var sockets: [Socket?] = []

    /// Makes an empty poller.
    public init() {}

    /// The number of items added.
    public var count: Int { items.count }

    /// Adds a socket to watch for `events`; returns its index in ``poll(timeoutMilliseconds:)``'s result.
    @discardableResult
    public mutating func add(_ socket: Socket, events: PollEvents) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: 0, events: events.rawValue, revents: 0))
        sockets.append(socket)
        return items.count - 1
    }

    /// Adds a plain file descriptor (e.g. a pipe used to wake the loop); returns its index.
    @discardableResult
    public mutating func add(fileDescriptor: Int32, events: PollEvents) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        sockets.append(nil)
        return items.count - 1
    }

    /// Blocks until an item is ready or `timeoutMilliseconds` pass (`-1`: no limit, `0`: just look).
    ///
    /// - Returns: for each item, in the order added, the events that are ready (empty when none,
    ///   all empty on timeout). Interrupted waits (`EINTR`) resume with the remaining time.
    /// - Throws: ``ZMQError``, e.g. ``ZMQError/isContextTerminated`` after ``Context/shutdown()``,
    ///   or `ENOTSOCK` when a socket was closed.
    public mutating func poll(timeoutMilliseconds: Int) throws -> [PollEvents] {
        for index in items.indices {
            if let socket = sockets[index] {
                guard let handle = socket.handle else {
                    throw ZMQError(operation: "zmq_poll(\(socket.type) #\(index))", errno: CZMQ_ENOTSOCK)
                }
                items[index].socket = handle
            }
            items[index].revents = 0
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        var timeout = timeoutMilliseconds
        while true {
            let rc = items.withUnsafeMutableBufferPointer { buffer in
                zmq_poll(buffer.baseAddress, Int32(buffer.count), timeout)
            }
            if rc >= 0 { break }
            let code = zmq_errno()
            guard code == EINTR else { throw ZMQError(operation: "zmq_poll(\(items.count) items)", errno: code) }
            if timeoutMilliseconds > 0 {
                let left = clock.now.duration(to: deadline).components
                timeout = max(0, Int(left.seconds) * 1000 + Int(left.attoseconds / 1_000_000_000_000_000))
            }
        }
        return items.map { PollEvents(rawValue: $0.revents) }
    }
}
