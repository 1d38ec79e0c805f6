import Foundation
import Logging
import ServiceLifecycle
import Supervision
import SupervisionBus
import SupervisionProtocol
import Synchronization

/// A department's agent: takes part in joint inspections on top of its node (a ``BusNode``,
/// or any ``DepartmentNode``).
///
/// Three structured tasks: the **fold** reads the node's merged stream through
/// ``DepartmentNode/subscribe(after:kinds:origins:)`` into a ``SupervisionState``; the **forwarder**
/// moves the node's delegated control requests (``commands``) into one work queue; the
/// **worker** runs commands and automatic reactions (votes, assignments, referral
/// acknowledgements) one at a time, so this department's own log is written by one writer and
/// every command sees its own events folded before it replies.
public final class DepartmentAgent: Service, Sendable {
    /// The control commands the agent answers (the node delegates them).
    public static let commands: Set<String> = [
        "summary", "entities", "import", "draw", "intent", "compose", "plans", "plan", "vote", "finding",
        "referrals", "ack", "disclose", "verify", "catalog", "catalog.push", "snapshot-export", "snapshot-import",
        "assignments",
    ]

    /// The event kinds the fold interprets.
    static let foldedKinds: Set<EventKind> = [
        .draw, .intent, .planProposal, .planVote, .assignment, .finding, .referral, .referralAck, .outcome, .catalog,
    ]

    let node: any DepartmentNode
    let department: DepartmentID
    /// This agent's department kind and area, read from the membership at start.
    let placement: Placement
    let settings: AgentSettings
    /// The catalogs held; the newest is in force.
    let catalogs: CatalogShelf
    /// The configuration authority's keys, which sign catalogs (`nil`: none configured).
    let anchor: TrustAnchor?
    let logger: Logger
    let directory: String
    let shared: Mutex<Shared>
    let jobs: AsyncStream<Job>
    let jobsContinuation: AsyncStream<Job>.Continuation

    struct Shared: ~Copyable {
        var state = SupervisionState()
        var data: DepartmentData
        var register: Register
        var caughtUp = false
        var reactQueued = false
        /// Catalog versions some `catalog` event on the bus carries.
        var catalogsOnBus: Set<Int> = []
        /// `catalog` events refused (bad signature, malformed).
        var catalogsRefused = 0
        var waiters: [(seq: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        var caughtUpWaiters: [CheckedContinuation<Void, Never>] = []
    }

    enum Job: Sendable {
        case request(DelegatedControlRequest)
        case react
    }

    /// Loads (or generates) the department's data; `catalogs` are the catalogs the node's
    /// categorizer reads too (default: the bundled one and the settings' `catalogFile`);
    /// `anchor` verifies catalogs (default: the node's `anchorFile`).
    ///
    /// The node must have been created with `delegatedCommands: DepartmentAgent.commands`.
    public init(
        node: any DepartmentNode, settings: AgentSettings, logger: Logger, catalogs: CatalogShelf? = nil,
        anchor: TrustAnchor? = nil
    ) throws {
        self.node = node
        self.settings = settings
        self.anchor = anchor ?? (try? TrustAnchor.load(from: node.configuration.anchorFile))
        self.catalogs =
            try catalogs
            ?? CatalogShelf.load(catalogFile: settings.catalogFile, anchorFile: node.configuration.anchorFile)
        var logger = logger
        logger[metadataKey: "dept.id"] = .string(node.configuration.department)
        self.logger = logger
        department = try DepartmentID(node.configuration.department)
        let placement = try Self.ownPlacement(node)
        self.placement = placement
        directory = node.configuration.dataDirectory
        let data = try DepartmentData.loadOrGenerate(
            directory: directory, department: placement.kind, agent: department, area: placement.area,
            entities: settings.entities, seed: settings.seed)
        let register = try data.register()
        shared = Mutex(Shared(data: data, register: register))
        (jobs, jobsContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Runs until graceful shutdown or until the node stops.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.fold() }
                group.addTask {
                    for await request in self.node.delegatedRequests { self.jobsContinuation.yield(.request(request)) }
                    self.jobsContinuation.finish()
                }
                group.addTask { await self.work() }
                try await group.next()
                group.cancelAll()
            }
        }
        jobsContinuation.finish()
        resumeAllWaiters()
    }

    /// Releases every suspended waiter (on cancellation: callers then see the state as it is).
    func resumeAllWaiters() {
        let all = shared.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer {
                state.waiters = []
                state.caughtUpWaiters = []
            }
            return state.waiters.map(\.continuation) + state.caughtUpWaiters
        }
        for waiter in all { waiter.resume() }
    }

    /// Feeds the fold from the node's subscription and queues reactions once caught up.
    func fold() async throws {
        let target = node.status.lastPosition
        if target == 0 { markCaughtUp() }
        for try await stored in node.subscribe(after: 0) {
            if stored.event.kind == .catalog { adoptCatalog(from: stored.event) }
            guard Self.foldedKinds.contains(stored.event.kind) else {
                // Bus test traffic and kinds of later versions: nothing to fold, nothing to react to.
                if stored.position >= target { markCaughtUp() }
                continue
            }
            let resumed = shared.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.state.apply(stored.event)
                let own = state.state.heads[department.rawValue] ?? 0
                let ready = state.waiters.filter { $0.seq <= own }
                state.waiters.removeAll { $0.seq <= own }
                return ready.map(\.continuation)
            }
            for continuation in resumed { continuation.resume() }
            if stored.position >= target { markCaughtUp() }
            if stored.position >= node.status.lastPosition { queueReaction() }
        }
    }

    private func markCaughtUp() {
        let (first, waiters) = shared.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
            defer {
                state.caughtUp = true
                state.caughtUpWaiters = []
            }
            return (!state.caughtUp, state.caughtUpWaiters)
        }
        for waiter in waiters { waiter.resume() }
        if first {
            logger.info("fold caught up", metadata: ["fold.heads": "\(snapshot.heads)"])
            queueReaction()
        }
    }

    func queueReaction() {
        let queue = shared.withLock { state -> Bool in
            guard state.caughtUp, !state.reactQueued else { return false }
            state.reactQueued = true
            return true
        }
        if queue { jobsContinuation.yield(.react) }
    }

    /// The state as folded so far.
    var snapshot: SupervisionState { shared.withLock { $0.state } }

    /// The reference data of the catalog in force.
    var context: DomainContext { DomainContext(catalog: catalogs.current, settings: settings) }

    /// Suspends until the fold holds this department's event `seq`.
    func awaitFold(ownSeq seq: UInt64) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = shared.withLock { state -> Bool in
                    if Task.isCancelled || (state.state.heads[department.rawValue] ?? 0) >= seq { return true }
                    state.waiters.append((seq, continuation))
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            resumeAllWaiters()
        }
    }

    /// The worker: one job at a time.
    func work() async {
        // Wait until the fold has read every event stored at start, so our own head is known.
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = shared.withLock { state -> Bool in
                    if state.caughtUp || Task.isCancelled { return true }
                    state.caughtUpWaiters.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            resumeAllWaiters()
        }
        if Task.isCancelled { return }
        // The fold skips bus test events, so the node's head is the authority on our last seq.
        var writer = Writer(
            ownSeq: max(snapshot.heads[department.rawValue] ?? 0, node.status.heads[department.rawValue]?.seq ?? 0))
        await announceFileCatalog(writer: &writer)
        for await job in jobs {
            switch job {
            case .request(let delegated):
                let reply: ControlReply
                do {
                    reply = try await handle(delegated.request, writer: &writer)
                } catch let error as AgentError {
                    reply = ControlReply(ok: false, error: error.description, errorCode: error.code.rawValue)
                } catch let error as SupervisionError {
                    reply = ControlReply(ok: false, error: error.description)
                } catch let error as BusError {
                    reply = ControlReply(ok: false, error: error.description, errorCode: error.code.rawValue)
                } catch {
                    reply = ControlReply(ok: false, error: "\(error)")
                }
                node.reply(to: delegated.id, with: reply)
            case .react:
                shared.withLock { $0.reactQueued = false }
                do {
                    try await react(writer: &writer)
                } catch let error as BusError where error.code == .storeFull || error.code == .ownLogRecovering {
                    // Nothing new may fold while the disk is full or the own log is recovering: try
                    // again in a second. Every reaction that did append is folded, so the fold alone
                    // keeps it from repeating.
                    logger.warning("reaction waits for the store to write again", metadata: ["error": "\(error)"])
                    writer.reacted = []
                    try? await Task.sleep(for: .seconds(1))
                    queueReaction()
                } catch {
                    logger.error("reaction failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// This department's single writer: appends a batch whose events may refer to each other
    /// by seq, then waits until the fold holds them.
    struct Writer {
        var ownSeq: UInt64
        /// Reactions done but maybe not folded yet.
        var reacted: Set<String> = []
    }

    /// Appends drafts built from the seq the first one will get; returns the envelopes once folded.
    func append(_ writer: inout Writer, _ build: (UInt64) throws -> [EventDraft]) async throws -> [EventEnvelope] {
        let drafts = try build(writer.ownSeq + 1)
        guard !drafts.isEmpty else { return [] }
        let envelopes = try await node.append(drafts)
        if envelopes[0].seq != writer.ownSeq + 1 {
            logger.warning(
                "own log advanced outside the agent (test publish?); references may be off",
                metadata: ["expected": "\(writer.ownSeq + 1)", "got": "\(envelopes[0].seq)"])
        }
        writer.ownSeq = envelopes.last!.seq
        await awaitFold(ownSeq: writer.ownSeq)
        return envelopes
    }
}
