import Foundation
import Logging
import SupervisionBus
import SupervisionProtocol

/// Departments' nodes in one process, for tests: each a real ``Replicator`` over a real store on
/// one ``InMemoryNetwork``, pumped by a thread every few milliseconds, and each a
/// ``DepartmentNode`` that a whole `DepartmentAgent` runs on, answering control requests sent
/// with ``InProcessNode/request(_:)``. No sockets, no keys on disk, no processes.
public final class InProcessBus: @unchecked Sendable {
    /// The nodes, by department.
    public private(set) var nodes: [String: InProcessNode] = [:]
    let clock = Clock()
    let network = InMemoryNetwork(capacity: 256)
    var lock: NSLock { clock.lock }
    private var pump: Thread?
    private var stopping = false

    /// Nodes for `departments`, with stores and agent data under `directory`, delivering by
    /// `policy`, at `heartbeatMs`.
    public init(
        directory: String, departments: [String], policy: DeliveryPolicy = .everything, heartbeatMs: Int64 = 50
    ) throws {
        var keys: [String: SigningKey] = [:]
        for department in departments { keys[department] = SigningKey() }
        let verifier = try CheckpointVerifier(publicKeys: keys.mapValues { [0: $0.publicKey] })
        var settings = ReplicatorSettings()
        settings.heartbeatMs = heartbeatMs
        settings.fetchTimeoutMs = 10 * heartbeatMs
        for department in departments {
            let data = "\(directory)/\(department)"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let configuration = NodeConfiguration(
                department: department, dataDirectory: data, keysDirectory: "", anchorFile: "", membershipFile: "",
                heartbeatMs: heartbeatMs)
            let store = try EventStore(path: configuration.storePath, department: department)
            var logger = Logger(label: "in-process.\(department)")
            logger.logLevel = .warning
            let replicator = try Replicator(
                department: department, store: store, signingKey: keys[department]!, peers: departments,
                verifier: verifier, policy: policy, transport: network.transport(for: department),
                settings: settings, logger: logger)
            nodes[department] = InProcessNode(
                clock: clock, configuration: configuration, store: store, replicator: replicator)
        }
    }

    deinit { stop() }

    /// The lock that guards the network and every replicator (neither is thread-safe), and the
    /// replicators' clock: shared by the bus and its nodes, which agents may hold longer.
    final class Clock: @unchecked Sendable {
        let lock = NSLock()
        private let started = ContinuousClock.now

        /// Milliseconds since the bus was made.
        var nowMs: Int64 {
            let elapsed = started.duration(to: .now).components
            return elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        }
    }

    /// Starts the thread that delivers messages and ticks every node every `intervalMs`.
    public func start(intervalMs: Int = 5) {
        let thread = Thread { [weak self] in
            while let self, !self.lock.withLock({ self.stopping }) {
                self.step()
                Thread.sleep(forTimeInterval: Double(intervalMs) / 1000)
            }
        }
        thread.name = "in-process-bus"
        pump = thread
        thread.start()
    }

    /// Stops the pump thread and ends every node's delegated requests.
    public func stop() {
        lock.withLock { stopping = true }
        for node in nodes.values { node.finish() }
    }

    /// One round: every node receives what was sent to it and ticks.
    public func step() {
        let now = clock.nowMs
        let woken = lock.withLock {
            nodes.keys.sorted().flatMap { department -> [CheckedContinuation<Void, Never>] in
                let node = nodes[department]!
                node.replicator.receive(network.deliver(to: department), nowMs: now)
                node.replicator.tick(nowMs: now)
                return node.refresh(nowMs: now)
            }
        }
        for waiter in woken { waiter.resume() }
    }
}

/// One department's node on an ``InProcessBus``.
public final class InProcessNode: DepartmentNode, @unchecked Sendable {
    public let configuration: NodeConfiguration
    public let delegatedRequests: AsyncStream<DelegatedControlRequest>
    let replicator: Replicator
    private let clock: InProcessBus.Clock
    private let store: EventStore
    private let continuation: AsyncStream<DelegatedControlRequest>.Continuation
    // Guarded by the bus's lock.
    private var snapshot: NodeStatus
    private var positionWaiters: [(after: Int64, waiter: CheckedContinuation<Void, Never>)] = []
    private var replies: [UInt64: CheckedContinuation<ControlReply, Never>] = [:]
    private var nextRequest: UInt64 = 0

    init(clock: InProcessBus.Clock, configuration: NodeConfiguration, store: EventStore, replicator: Replicator) {
        self.clock = clock
        self.configuration = configuration
        self.store = store
        self.replicator = replicator
        snapshot = NodeStatus(
            replicator, nowMs: 0, ready: false, lastPosition: 0, busEndpoint: "in-process", secure: false)
        (delegatedRequests, continuation) = AsyncStream.makeStream()
    }

    public var status: NodeStatus { clock.lock.withLock { snapshot } }

    /// Sends a control request to the agent running on this node and waits for its reply.
    public func request(_ request: ControlRequest) async -> ControlReply {
        await withCheckedContinuation { reply in
            let id = clock.lock.withLock {
                nextRequest += 1
                replies[nextRequest] = reply
                return nextRequest
            }
            continuation.yield(DelegatedControlRequest(id: id, request: request))
        }
    }

    public func reply(to id: UInt64, with reply: ControlReply) {
        clock.lock.withLock { replies.removeValue(forKey: id) }?.resume(returning: reply)
    }

    public func append(_ drafts: [EventDraft]) async throws -> [EventEnvelope] {
        let now = clock.nowMs
        let (events, woken) = try clock.lock.withLock {
            let events = try replicator.append(drafts, timestampMs: Int64(Date().timeIntervalSince1970 * 1000))
            return (events, refresh(nowMs: now))
        }
        for waiter in woken { waiter.resume() }
        return events
    }

    public func events(after position: Int64, limit: Int, kinds: Set<String>?, origins: Set<String>?) throws
        -> [StoredEvent]
    {
        try store.merged(after: position, limit: limit, kinds: kinds, origins: origins)
    }

    public func waitForPosition(after position: Int64) async {
        await withCheckedContinuation { waiter in
            let now = clock.lock.withLock {
                guard snapshot.lastPosition <= position else { return true }
                positionWaiters.append((position, waiter))
                return false
            }
            if now { waiter.resume() }
        }
    }

    /// Updates the status from the replicator; returns the waiters to resume (called with the lock held).
    fileprivate func refresh(nowMs: Int64) -> [CheckedContinuation<Void, Never>] {
        let position = (try? store.lastPosition()) ?? snapshot.lastPosition
        snapshot = NodeStatus(
            replicator, nowMs: nowMs, ready: replicator.ownLog.allowsAppends, lastPosition: position,
            busEndpoint: "in-process", secure: false)
        let due = positionWaiters.filter { $0.after < position }.map(\.waiter)
        positionWaiters.removeAll { $0.after < position }
        return due
    }

    /// Ends the delegated requests (the agent's forwarder then ends) and wakes every waiter.
    fileprivate func finish() {
        continuation.finish()
        let (waiters, pending) = clock.lock.withLock {
            defer {
                positionWaiters = []
                replies = [:]
            }
            return (positionWaiters.map(\.waiter), Array(replies.values))
        }
        for waiter in waiters { waiter.resume() }
        for reply in pending { reply.resume(returning: ControlReply(ok: false, error: "the bus stopped")) }
    }
}
