import Foundation
import Logging
import ServiceLifecycle
import SupervisionProtocol
import Synchronization
import ZeroMQ

/// One department's bus node as a service: its store, its replicator, its ZeroMQ sockets and
/// its control endpoint.
///
/// The bus sockets, the replicator and the store writes live on one dedicated I/O thread (the
/// ZeroMQ one-owner rule); the async API hands work to it through a queue and a wake-up pipe.
/// The control endpoint has a thread of its own, so that it answers while the bus is busy.
/// Run it in a `ServiceGroup`; graceful shutdown stops the loop, closes the sockets and the
/// context, and leaves the store consistent.
public final class BusNode: Service, DepartmentNode, Sendable {
    /// The configuration in force.
    public let configuration: NodeConfiguration
    /// The configuration authority's keys.
    let anchor: TrustAnchor
    /// The federated region, when the configuration names one.
    let federation: Federation?
    /// The department's keys.
    let keys: KeyDirectory
    /// The signing key in use and its id.
    let signingKey: (id: UInt32, key: SigningKey)
    /// The category of an event's content, for data rights.
    let categorize: EventCategorizer
    let store: EventStore
    let logger: Logger
    let shared: Mutex<SharedState>
    /// Wakes the I/O thread.
    let wakePipe: WakePipe
    /// Wakes the control thread (replies are ready, or the node stops).
    let controlWake: WakePipe
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
        /// The membership in force and its signed form.
        var membership: (document: Membership, signed: SignedMembership)
        /// Signed documents handed in through the control API, for the I/O thread to adopt.
        var pushedMemberships: [SignedMembership] = []
        var lastMeteringFlushMs: Int64 = 0
        /// Connections the ZAP handler refused (counted on its thread).
        var authenticationsRefused: UInt64 = 0
        /// When the store last tried a write while it could not write, and the failure logged.
        var lastStoreProbeMs: Int64 = 0
        var reportedStoreFailure: String?
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
        /// Client identities of delegated requests awaiting a reply, with the request.
        var delegated: [UInt64: (identity: [UInt8], request: ControlRequest)] = [:]
        /// Replies to recent requests that carried a request id (replayed to retries).
        var recentReplies = RecentReplies()
        var nextDelegated: UInt64 = 0
        /// Replies ready to be sent by the control thread: (client identity, JSON body).
        var controlReplies: [(identity: [UInt8], body: [UInt8])] = []
        /// Control requests for the I/O thread (``BusNode/ioCommands``), in arrival order.
        var ioControlRequests: [(identity: [UInt8], request: ControlRequest)] = []
    }

    /// Loads keys, trust anchor and membership, and opens the store; throws a ``BusError``
    /// naming what is wrong.
    ///
    /// The membership in force is the highest version, among the membership file and those
    /// adopted earlier (kept in the store), that is signed by the anchor and not expired.
    ///
    /// - Parameters:
    ///   - delegatedCommands: control commands to hand to ``delegatedRequests``
    ///     (names other than those the node answers itself).
    ///   - categorize: the category of an event's content for data rights (default: none).
    public init(
        configuration: NodeConfiguration, logger: Logger, delegatedCommands: Set<String> = [],
        categorize: @escaping EventCategorizer = { _ in nil }
    ) throws {
        self.configuration = configuration
        self.delegatedCommands = delegatedCommands
        self.categorize = categorize
        (delegatedRequests, delegatedContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        var logger = logger
        logger[metadataKey: "dept.id"] = .string(configuration.department)
        self.logger = logger
        anchor = try TrustAnchor.load(from: configuration.anchorFile)
        keys = try KeyDirectory(path: configuration.keysDirectory)
        do {
            try FileManager.default.createDirectory(
                atPath: configuration.dataDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw BusError(.storeUnusable, "cannot create data directory \(configuration.dataDirectory): \(error)")
        }
        store = try EventStore(path: configuration.storePath, department: configuration.department)
        if let foreignAnchorFile = configuration.foreignAnchorFile,
            let foreignMembershipFile = configuration.foreignMembershipFile,
            let agreementFile = configuration.agreementFile
        {
            federation = try Federation.load(
                localAnchor: anchor, foreignAnchorFile: foreignAnchorFile,
                foreignMembershipFile: foreignMembershipFile, agreementFile: agreementFile)
        } else {
            federation = nil
        }
        var inForce = try Self.membershipInForce(
            file: configuration.membershipFile, store: store, anchor: anchor, logger: logger)
        if let federation { inForce.document = try federation.apply(to: inForce.document) }
        guard let member = inForce.document.member(configuration.department) else {
            throw BusError(
                .invalidConfiguration,
                "department \(configuration.department) is not in membership version \(inForce.document.version) (\(configuration.membershipFile))"
            )
        }
        guard let current = keys.currentSigningKey(listed: member.signingKeys) else {
            throw BusError(
                .invalidKey,
                "no signing key in \(configuration.keysDirectory) is one of \(configuration.department)'s keys in membership version \(inForce.document.version)"
            )
        }
        signingKey = current
        guard keys.curve.publicKey.z85 == member.curveKey || configuration.insecureTransport == true else {
            throw BusError(
                .invalidKey,
                "the CURVE key in \(configuration.keysDirectory) is not \(configuration.department)'s curveKey in membership version \(inForce.document.version)"
            )
        }
        do {
            try store.saveMembership(
                version: inForce.document.version, document: inForce.signed.serialized(), adoptedMs: Self.wallClockMs())
        } catch let error as BusError where error.code == .storeFull {
            // Start read-only: the membership file still holds this version; it is recorded once space returns.
            logger.error("store cannot write at start: starting not ready", metadata: ["error": "\(error)"])
        }
        wakePipe = try WakePipe()
        controlWake = try WakePipe()
        var status = NodeStatus(
            department: configuration.department, ready: false, heads: [:], peers: [], metrics: BusMetrics(),
            lastPosition: try store.lastPosition(), busEndpoint: "", membershipVersion: inForce.document.version,
            secure: configuration.insecureTransport != true)
        status.notReadyReason = "starting"
        shared = Mutex(SharedState(status: status, membership: inForce))
    }

    /// The membership in force.
    public var membership: Membership { shared.withLock { $0.membership.document } }

    /// The membership in force (``DepartmentNode/membershipInForce``).
    public var membershipInForce: Membership? { membership }

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
        controlWake.wake()
    }

    /// Answers a delegated control request; the control thread sends the reply. Unknown ids are ignored.
    public func reply(to id: UInt64, with reply: ControlReply) {
        let body = Self.encode(reply)
        let queued = shared.withLock { state -> Bool in
            guard let waiting = state.delegated.removeValue(forKey: id) else { return false }
            let clients =
                waiting.request.requestId == nil
                ? [waiting.identity] : state.recentReplies.finish(waiting.request, ok: reply.ok, body: body)
            for client in clients { state.controlReplies.append((client, body)) }
            return true
        }
        if queued { controlWake.wake() }
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

    /// Suspends until the store holds something after `position` (or the node stops).
    public func waitForPosition(after position: Int64) async {
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
