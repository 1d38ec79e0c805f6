import Foundation
import Logging
import ServiceLifecycle
import SupervisionProtocol
import Synchronization
import ZeroMQ

/// One department's bus node as a service: its store, its replicator, its ZeroMQ sockets and
/// its control endpoint.
///
/// All sockets, the replicator and the store writes live on one dedicated I/O thread (the
/// ZeroMQ one-owner rule); the async API hands work to it through a queue and a wake-up pipe.
/// Run it in a `ServiceGroup`; graceful shutdown stops the loop, closes the sockets and the
/// context, and leaves the store consistent.
public final class BusNode: Service, Sendable {
    /// The configuration in force.
    public let configuration: NodeConfiguration
    /// The membership in force.
    public let membership: Membership
    let signingKey: SigningKey
    let store: EventStore
    let logger: Logger
    let shared: Mutex<SharedState>
    let wakePipe: WakePipe
    /// Commands the node hands to ``delegatedRequests`` instead of answering itself.
    public let delegatedCommands: Set<String>
    /// Control requests for ``delegatedCommands``, in arrival order; answer each with
    /// ``reply(to:with:)``. Ends when the node stops.
    public let delegatedRequests: AsyncStream<DelegatedControlRequest>
    let delegatedContinuation: AsyncStream<DelegatedControlRequest>.Continuation

    struct SharedState: ~Copyable {
        var appends: [(drafts: [EventDraft], continuation: CheckedContinuation<[EventEnvelope], any Error>)] = []
        var stopping = false
        var status: NodeStatus
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
        /// Client identities of delegated requests awaiting a reply.
        var delegated: [UInt64: [UInt8]] = [:]
        var nextDelegated: UInt64 = 0
        /// Replies ready to be sent by the I/O thread: (client identity, JSON body).
        var controlReplies: [(identity: [UInt8], body: [UInt8])] = []
    }

    /// Loads keys and membership and opens the store; throws a ``BusError`` naming what is wrong.
    ///
    /// - Parameter delegatedCommands: control commands to hand to ``delegatedRequests``
    ///   (names other than `status`, `publish` and `load`).
    public init(configuration: NodeConfiguration, logger: Logger, delegatedCommands: Set<String> = []) throws {
        self.configuration = configuration
        self.delegatedCommands = delegatedCommands
        (delegatedRequests, delegatedContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        var logger = logger
        logger[metadataKey: "dept.id"] = .string(configuration.department)
        self.logger = logger
        membership = try Membership.load(from: configuration.membershipFile)
        guard membership.member(configuration.department) != nil else {
            throw BusError(
                .invalidConfiguration,
                "department \(configuration.department) is not in membership \(configuration.membershipFile)")
        }
        signingKey = try SigningKey.load(from: configuration.signingKeyFile)
        let ownKeys = membership.member(configuration.department)!.signingKeys.values
        guard ownKeys.contains(Data(signingKey.publicKey).base64EncodedString()) else {
            throw BusError(
                .invalidKey,
                "the key in \(configuration.signingKeyFile) is not one of \(configuration.department)'s keys in the membership"
            )
        }
        do {
            try FileManager.default.createDirectory(
                atPath: configuration.dataDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw BusError(.storeUnusable, "cannot create data directory \(configuration.dataDirectory): \(error)")
        }
        store = try EventStore(path: configuration.storePath, department: configuration.department)
        wakePipe = try WakePipe()
        let status = NodeStatus(
            department: configuration.department, ready: false, heads: [:], peers: [], metrics: BusMetrics(),
            lastPosition: try store.lastPosition(), busEndpoint: "")
        shared = Mutex(SharedState(status: status))
    }

    /// Runs the node until graceful shutdown or cancellation.
    public func run() async throws {
        let loop = ZMQThread(name: "bus-\(configuration.department)") { [self] in try runLoop() }
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await loop.value
            } onGracefulShutdown: {
                self.stop()
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Asks the I/O loop to stop; ``run()`` returns once it has closed everything.
    public func stop() {
        shared.withLock { $0.stopping = true }
        delegatedContinuation.finish()
        wakePipe.wake()
    }

    /// Answers a delegated control request; the I/O thread sends the reply. Unknown ids are ignored.
    public func reply(to id: UInt64, with reply: ControlReply) {
        let body = (try? JSONEncoder().encode(reply)).map { Array($0) } ?? Array(#"{"ok":false}"#.utf8)
        let queued = shared.withLock { state -> Bool in
            guard let identity = state.delegated.removeValue(forKey: id) else { return false }
            state.controlReplies.append((identity, body))
            return true
        }
        if queued { wakePipe.wake() }
    }

    /// Appends events to this department's log. Returns once they are durable (and pushed).
    public func append(_ drafts: [EventDraft]) async throws -> [EventEnvelope] {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = shared.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.appends.append((drafts, continuation))
                return true
            }
            if accepted {
                wakePipe.wake()
            } else {
                continuation.resume(throwing: BusError(.shutDown, "the node is shutting down"))
            }
        }
    }

    /// Appends one event. Returns once it is durable.
    public func append(kind: EventKind, payload: [UInt8]) async throws -> EventEnvelope {
        try await append([EventDraft(kind: kind, payload: payload)])[0]
    }

    /// A snapshot of heads, peers and metrics (updated by the I/O loop).
    public var status: NodeStatus { shared.withLock { $0.status } }

    /// The local version vector: origin → last seq held.
    public var versionVector: [String: UInt64] { status.heads.mapValues(\.seq) }

    /// Reads the merged stream after local `position` (each origin in order).
    public func events(
        after position: Int64, limit: Int = 1000, kinds: Set<String>? = nil, origins: Set<String>? = nil
    ) throws -> [StoredEvent] {
        try store.merged(after: position, limit: limit, kinds: kinds, origins: origins)
    }

    /// Events as they are stored, from local `position` on, filtered by kind and origin.
    public func subscribe(
        after position: Int64 = 0, kinds: Set<String>? = nil, origins: Set<String>? = nil
    ) -> EventSubscription {
        EventSubscription(node: self, position: position, kinds: kinds, origins: origins)
    }

    /// Suspends until the store holds something after `position` (or the node stops).
    func waitForPosition(after position: Int64) async {
        let id = shared.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = shared.withLock { state -> Bool in
                    if state.status.lastPosition > position || state.stopping || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            shared.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
