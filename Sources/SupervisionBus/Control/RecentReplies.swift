/// The replies to recent control requests that carried a ``ControlRequest/requestId``, so a
/// retried or re-run request gets the earlier reply instead of running (and appending) again.
///
/// Bounded: the newest ``capacity`` successful replies, at most ``maxBytes`` of them in all;
/// only in memory (an agent that restarts has forgotten them). Refusals are not kept: a refused
/// command changed nothing, so running it again is safe and sees the current state.
struct RecentReplies {
    /// What to do with a request that carries an id.
    enum Lookup: Equatable {
        /// Run it (first time seen).
        case run
        /// The same request is running; its reply will go to this client too.
        case wait
        /// It ran before: send this reply again.
        case replay([UInt8])
        /// The id was given to a different request.
        case conflict
    }

    /// Most replies remembered.
    static let capacity = 1024
    /// Most bytes of replies remembered.
    static let maxBytes = 32 << 20
    /// Longest request id accepted.
    static let maxIDLength = 128

    private var done: [String: (request: ControlRequest, body: [UInt8])] = [:]
    private var order: [String] = []
    private var bytes = 0
    private var running: [String: (request: ControlRequest, clients: [[UInt8]])] = [:]

    /// Looks `request` up by its id (it must have one); `.run` records `client` as waiting for it.
    mutating func begin(_ request: ControlRequest, client: [UInt8]) -> Lookup {
        guard let id = request.requestId else { return .run }
        if let earlier = done[id] { return earlier.request == request ? .replay(earlier.body) : .conflict }
        if let current = running[id] {
            guard current.request == request else { return .conflict }
            running[id]!.clients.append(client)
            return .wait
        }
        running[id] = (request, [client])
        return .run
    }

    /// Records the reply to a request `begin` said to run; returns every client waiting for it.
    mutating func finish(_ request: ControlRequest, ok: Bool, body: [UInt8]) -> [[UInt8]] {
        guard let id = request.requestId, let current = running.removeValue(forKey: id) else { return [] }
        if ok {
            done[id] = (request, body)
            order.append(id)
            bytes += body.count
            while order.count > Self.capacity || bytes > Self.maxBytes, let oldest = order.first {
                order.removeFirst()
                bytes -= done.removeValue(forKey: oldest)?.body.count ?? 0
            }
        }
        return current.clients
    }
}
