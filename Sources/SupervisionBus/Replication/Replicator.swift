import Logging
import SupervisionProtocol

/// The replication logic of one bus node: its own log, its replicas of its peers' logs, and
/// what it says to its peers (Protocols/spec/1-JSB.md).
///
/// Not thread-safe: one owner (the node's I/O thread, or a test) calls it. It never blocks on
/// the network: sends go through a ``BusTransport`` that refuses instead of queueing without
/// bound; a peer whose queue is full is marked lagging and catches up by fetching.
/// Time is a parameter (`nowMs`, any monotonic milliseconds), so tests drive it deterministically.
public final class Replicator {
    /// This node's department (the origin of its own log).
    public let department: String
    /// The settings in force.
    public let settings: ReplicatorSettings
    /// What this node holds of every origin (its version vector).
    public private(set) var heads: [String: LogHead] { didSet { headsChanges &+= 1 } }
    /// Counts changes of ``heads``, so what derives from them is recomputed only when they change.
    private var headsChanges: UInt64 = 0
    /// Counters since start.
    public internal(set) var metrics = BusMetrics()

    let store: any ReplicaStore
    private let signingKey: SigningKey
    private let signingKeyID: UInt32
    /// Who may receive which payloads.
    public private(set) var policy: DeliveryPolicy
    private var meter = Meter()
    private var membershipEvents: [EventEnvelope] = []
    private var batchVerifier: BatchVerifier
    private let transport: any BusTransport
    var logger: Logger
    private var peers: [String: PeerState] = [:]
    private var reported: [String: PeerStatus.Liveness] = [:]
    private var fetches: [String: OutstandingFetch] = [:]
    private var reorder: [String: [EventBatch]] = [:]
    private var nextRequestID: UInt64 = 1
    private var lastHeartbeatMs: Int64?
    /// The latest time given to ``receive(_:nowMs:)`` or ``tick(nowMs:)``.
    private var lastNowMs: Int64 = 0
    private var peerRotation = 0
    /// Own-log recovery: the peers not heard from since start, and the most of this node's own
    /// log any peer announced.
    private var recoveryWaiting: Set<String>
    /// Peers heard from once since start: a second announcement, a heartbeat later, also covers
    /// what the peer stored from messages that were in flight when it sent the first.
    private var recoveryHeardOnce: Set<String> = []
    private var ownTarget: UInt64 = 0
    /// Whether this node appended since its own log was last recovered.
    private var signedSinceRecovery = false
    /// Where this node stands with its own log; appends need ``OwnLogState/recovered``.
    public private(set) var ownLog: OwnLogState = .recovering(waitingFor: [], held: 0, target: 0)
    /// (peer, origin) pairs whose announced log conflicts with the held one: never fetched from.
    private var conflicting: Set<[String]> = [] { didSet { headsChanges &+= 1 } }
    /// (origin, seq, hash) of conflicts already asked about or recorded.
    private var evidenceSeen: Set<String> = []
    /// Conflicting HEADs whose batch this node asked for and has no evidence of yet.
    private var evidenceAsks: [(peer: String, origin: String, seq: UInt64, askedMs: Int64)] = []
    /// Origins this node holds conflicting signed events of (see ``Equivocation``).
    public private(set) var equivocatedOrigins: Set<String> = []
    /// Withheld events this node may be entitled to: origin → seqs not yet filled, nor settled
    /// by a holder of the payload under this node's data rights.
    private var refills: [String: [UInt64]] = [:]
    /// Outstanding refill fetches by origin, and the peers that could not serve one.
    private var refillFetches: [String: OutstandingFetch] = [:]
    private var refillMissed: [String: Set<String>] = [:]
    /// Origins whose withheld payloads no reachable holder could serve: asked again from then on.
    private var refillRetryAtMs: [String: Int64] = [:]
    /// Where the next refill window of an origin starts, past windows no holder could serve.
    private var refillCursor: [String: UInt64] = [:]
    private var timingLog = TimingLog()
    /// The whole vector as announced, and its digest, until the heads change.
    private var wholeVector: (entries: [HeadEntry], digest: [UInt8])?
    private var wholeVectorChanges: UInt64 = .max
    /// Per peer, the parts of its ``PeerStatus`` that walk the vectors, and the changes they
    /// were computed at (``headsChanges``, ``PeerState/announcedChanges``).
    private var statusCache: [String: (heads: UInt64, announced: UInt64, status: PeerStatus)] = [:]
    /// Per peer, its part of the version vector (``vector(for:)``) and the ``headsChanges`` it is of.
    private var peerVectors: [String: (changes: UInt64, vector: (entries: [HeadEntry], digest: [UInt8]))] = [:]
    /// Who holds whose log (`nil`: every node holds every log, a flat bus).
    public private(set) var topology: Topology?
    /// Origins some peer may hold beyond this node, and since when: what ``requestMissing(nowMs:)``
    /// looks at, so that a turn costs nothing while nothing is missing.
    private var wanted: [String: Int64] = [:]
    /// The clock liveness is judged by (see ``LivenessClock``).
    private var livenessClock = LivenessClock()
    /// Whether the node's inbox held more than one turn could take: liveness is not judged
    /// while messages wait unread.
    public var inboxBacklogged = false
    /// The wall clock of ``timings(origin:after:)``, in microseconds since the Unix epoch.
    var wallClockMicros: () -> Int64 = TimingLog.wallClockMicros

    private struct OutstandingFetch {
        var requestID: UInt64
        var peer: String
        var through: UInt64
        var lastActivityMs: Int64
    }

    /// Creates the replicator of `department` over an open store.
    ///
    /// - Parameters:
    ///   - peers: the other members' department ids.
    ///   - signingKeyID: the key id of `signingKey` in the membership.
    ///   - verifier: every member's public signing keys, this department's included.
    ///   - policy: the data rights applied to what is sent to peers.
    public init(
        department: String, store: any ReplicaStore, signingKey: SigningKey, signingKeyID: UInt32 = 0, peers: [String],
        verifier: CheckpointVerifier, policy: DeliveryPolicy = .everything, topology: Topology? = nil,
        transport: any BusTransport, settings: ReplicatorSettings = .init(), logger: Logger
    ) throws {
        self.department = department
        self.store = store
        self.signingKey = signingKey
        self.signingKeyID = signingKeyID
        self.policy = policy
        self.topology = topology
        self.batchVerifier = BatchVerifier(verifier: verifier)
        self.transport = transport
        self.settings = settings
        self.logger = logger
        self.logger[metadataKey: "dept.id"] = .string(department)
        self.heads = try store.heads()
        for peer in peers where peer != department { self.peers[peer] = PeerState() }
        recoveryWaiting = []  // set below, once `self` can answer `holds`
        recoveryWaiting = Set(self.peers.keys.filter { holds($0, origin: department) })
        equivocatedOrigins = Set(try store.equivocations().map(\.origin))
        if equivocatedOrigins.contains(department) {
            ownLog = .conflicted(reason: "this store holds evidence that another writer signed \(department)'s log")
        }
        updateRecovery()
        planRefills()
    }

    /// Ends own-log recovery without hearing from every peer: the operator accepts that a
    /// peer not heard from may hold events of this log that this node will sign again.
    public func overrideRecovery() {
        guard case .recovering(let waiting, _, _) = ownLog else { return }
        logger.warning(
            "own-log recovery overridden by the operator",
            metadata: ["peers.unheard": "\(waiting.joined(separator: ","))"])
        recoveryWaiting = []  // set below, once `self` can answer `holds`
        ownTarget = min(ownTarget, heads[department]?.seq ?? 0)
        ownLog = .recovered
        signedSinceRecovery = false
    }

    /// The status of every peer at `nowMs`.
    public func peerStatuses(nowMs: Int64) -> [PeerStatus] {
        peers.keys.sorted().map { id in
            let state = peers[id]!
            var status: PeerStatus
            if let cached = statusCache[id], cached.heads == headsChanges, cached.announced == state.announcedChanges {
                status = cached.status
            } else {
                status = PeerStatus(
                    department: id, liveness: .unknown, silentForMs: nil, lagging: false,
                    announced: state.announced.mapValues(\.seq),
                    behind: heads.reduce(0) {
                        $0 + ($1.value.seq - min($1.value.seq, state.announced[$1.key]?.seq ?? 0))
                    },
                    ahead: state.announced.reduce(0) {
                        $0 + ($1.value.seq - min($1.value.seq, heads[$1.key]?.seq ?? 0))
                    },
                    conflicting: state.announced.keys.filter { conflicting.contains([id, $0]) }.sorted())
                statusCache[id] = (headsChanges, state.announcedChanges, status)
            }
            status.liveness = state.liveness(now: livenessClock.nowMs, heartbeatMs: settings.heartbeatMs)
            status.silentForMs = state.lastHeardMs.map { livenessClock.nowMs - $0 }
            status.lagging = state.lagging
            return status
        }
    }

    // MARK: Appending

    /// Appends events to this department's own log, durably, signs a checkpoint per batch,
    /// and pushes them to every peer that keeps up. Returns the stored events.
    public func append(_ drafts: [EventDraft], timestampMs: Int64) throws -> [EventEnvelope] {
        guard !drafts.isEmpty else { return [] }
        switch ownLog {
        case .recovered: break
        case .recovering:
            throw BusError(
                .ownLogRecovering,
                "\(department) is not yet appending: \(ownLog.summary); it starts once every peer has answered (`jointctl recovery override` skips the wait)"
            )
        case .conflicted(let reason):
            throw BusError(
                .ownLogConflict,
                "\(department)'s log is \(reason); appends are refused: stop the other writer, then see `jointctl status`"
            )
        }
        let startedMicros = wallClockMicros()
        var head = heads[department] ?? .empty
        var batches: [VerifiedBatch] = []
        var start = 0
        if let large = drafts.first(where: { $0.payload.count > settings.maxBatchBytes }) {
            throw BusError(
                .rejectedEvent,
                "a \(large.kind) payload of \(large.payload.count) bytes exceeds the \(settings.maxBatchBytes)-byte limit"
            )
        }
        while start < drafts.count {
            var end = start
            var bytes = 0
            while end < drafts.count && end - start < settings.maxBatchEvents
                && (end == start || bytes + drafts[end].payload.count <= settings.maxBatchBytes)
            {
                bytes += drafts[end].payload.count
                end += 1
            }
            var events: [EventEnvelope] = []
            var hashes: [Hash256] = []
            events.reserveCapacity(end - start)
            hashes.reserveCapacity(end - start)
            for draft in drafts[start..<end] {
                let event = EventEnvelope(
                    origin: department, seq: head.seq + 1, prevHash: head.hash, timestampMs: timestampMs,
                    kind: draft.kind, payload: draft.payload)
                head = LogHead(seq: event.seq, hash: event.computeHash())
                events.append(event)
                hashes.append(head.hash)
            }
            let checkpoint = try signingKey.signCheckpoint(
                origin: department, seq: head.seq, eventHash: head.hash, keyID: signingKeyID)
            batches.append(VerifiedBatch(events: events, hashes: hashes, checkpoint: checkpoint))
            start = end
        }
        try store.append(batches, membershipVersion: policy.membershipVersion)
        heads[department] = head
        signedSinceRecovery = true
        metrics.appended += UInt64(drafts.count)
        for batch in batches { recordTiming(batch, atMicros: startedMicros) }
        let targets = peers.keys.sorted().filter { !peers[$0]!.lagging && holds($0, origin: department) }
        for batch in batches where !targets.isEmpty {
            // Peers with the same rights over this batch share one encoding.
            let allowances = policy.allowances(batch.events, for: targets)
            var groups: [[Bool]: [String]] = [:]
            for peer in targets { groups[allowances[peer]!, default: []].append(peer) }
            for (allowed, group) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
                let events = zip(batch.events, allowed).map { $1 ? $0 : $0.withholdingPayload() }
                let message = BusMessage.batch(
                    EventBatch(
                        origin: department, events: events, checkpoint: batch.checkpoint, rightsVersion: rightsVersion))
                let refused = Set(transport.send(message, toEach: group))
                for peer in group {
                    if refused.contains(peer) {
                        metrics.sendsRefused += 1
                        markLagging(peer, reason: "queue full or unreachable", nowMs: lastNowMs)
                    } else {
                        meter.record(events, to: peer, purpose: .push)
                    }
                }
            }
        }
        return batches.flatMap(\.events)
    }

    // MARK: Receiving

    /// Handles what arrived from peers since the last call. All batches accepted here are
    /// stored in one transaction (group commit). Returns the number of events stored.
    @discardableResult
    public func receive(_ inbox: [(peer: String, message: BusMessage)], nowMs: Int64) -> Int {
        lastNowMs = nowMs
        livenessClock.advance(to: nowMs, heartbeatMs: settings.heartbeatMs)
        var round = Round(heads: heads)
        for (peer, message) in inbox {
            guard peers[peer] != nil else {
                metrics.strangers += 1
                logger.warning("message from a department that is not a member", metadata: ["peer.id": "\(peer)"])
                continue
            }
            peers[peer]!.lastHeardMs = livenessClock.nowMs
            switch message {
            case .hello, .head:
                peers[peer]!.arrivals.record(atMs: livenessClock.nowMs, allowanceMs: peers[peer]!.allowanceMs)
                peers[peer]!.allowanceMs = 0
            default: break
            }
            switch message {
            case .hello(let hello):
                guard hello.department == peer else {
                    metrics.strangers += 1
                    logger.warning(
                        "hello names another department",
                        metadata: ["peer.id": "\(peer)", "claimed": "\(hello.department)"])
                    continue
                }
                logger.info(
                    "peer said hello",
                    metadata: [
                        "peer.id": "\(peer)", "peer.agent": "\(hello.agent)", "version": "\(hello.protocolVersion)",
                    ])
                peers[peer]!.takesDeltas = hello.protocolVersion >= 2
                peers[peer]!.sent = nil
                announce(hello.heads, from: peer, delta: false, nowMs: nowMs)
                sendHead(to: peer)
            case .head(let head):
                // An idle peer's next HEAD may come later (at most 5 minutes are taken as said).
                let promised = min(Int64(head.nextWithinMs), 300_000)
                peers[peer]!.allowanceMs = max(promised - settings.heartbeatMs, 0)
                if head.wantFull { peers[peer]!.sent = nil }
                // A digest says the sender speaks version 2, also when its HELLO reached an earlier run of this node.
                if !head.digest.isEmpty { peers[peer]!.takesDeltas = true }
                announce(head.entries, from: peer, delta: head.delta, nowMs: nowMs)
                if !head.digest.isEmpty, toldDigest(of: peer) != head.digest {
                    // Our record of its vector went wrong (a lost HEAD, its restart): ask for all of it,
                    // keeping what we know meanwhile.
                    sendHead(to: peer, wantFull: true)
                } else if head.wantFull {
                    sendHead(to: peer)
                }
            case .batch(let batch):
                consider(batch, from: peer, nowMs: nowMs, round: &round)
            case .fetch(let request):
                serve(request, to: peer)
            case .miss(let miss):
                if let fetch = refillFetches[miss.origin], fetch.requestID == miss.requestId {
                    refillMissed[miss.origin, default: []].insert(peer)
                    refillFetches[miss.origin] = nil
                }
                if let fetch = fetches[miss.origin], fetch.requestID == miss.requestId {
                    logger.debug(
                        "peer cannot serve fetch",
                        metadata: ["peer.id": "\(peer)", "event.origin": "\(miss.origin)", "held": "\(miss.heldSeq)"])
                    if miss.heldSeq < (peers[peer]!.announced[miss.origin]?.seq ?? 0) {
                        peers[peer]!.announced[miss.origin] = LogHead(seq: miss.heldSeq, hash: .zero)
                        peers[peer]!.lowered.insert(miss.origin)
                    }
                    peers[peer]!.missed.insert(miss.origin)
                    fetches[miss.origin] = nil
                    peerRotation += 1
                }
            }
        }
        let stored = commit(round, nowMs: nowMs)
        updateRecovery()
        requestMissing(nowMs: nowMs)
        return stored
    }

    /// What the transport saw of the connection to `peer`: up (handshake done) or lost. A peer
    /// whose connection is up is never judged expired (``PeerStatus/Liveness``).
    public func connectionChanged(_ peer: String, isUp: Bool) {
        peers[peer]?.connected = isUp
    }

    /// Periodic work: HEAD announcements (heartbeats), liveness, fetch time-outs and retries.
    public func tick(nowMs: Int64) {
        lastNowMs = nowMs
        livenessClock.advance(to: nowMs, heartbeatMs: settings.heartbeatMs)
        if lastHeartbeatMs.map({ nowMs - $0 >= settings.heartbeatMs }) ?? true {
            lastHeartbeatMs = nowMs
            let judge = !inboxBacklogged
            for peer in peers.keys.sorted() {
                if !peers[peer]!.helloSent {
                    peers[peer]!.helloSent = send(
                        .hello(Hello(department: department, agent: Self.agentName, heads: vector(for: peer).entries)),
                        to: peer)
                } else if announcementDue(to: peer, nowMs: nowMs) {
                    sendHead(to: peer)
                }
                guard judge else { continue }
                let liveness = peers[peer]!.liveness(now: livenessClock.nowMs, heartbeatMs: settings.heartbeatMs)
                if reported[peer] != liveness {
                    logger.info(
                        "peer \(liveness.rawValue)",
                        metadata: ["peer.id": "\(peer)", "from": "\(reported[peer]?.rawValue ?? "start")"])
                    reported[peer] = liveness
                    switch liveness {
                    case .evasive: metrics.peersEvasive += 1
                    case .silent: metrics.peersSilent += 1
                    case .expired: metrics.peersExpired += 1
                    case .alive, .unknown: break
                    }
                    if liveness == .expired {
                        markLagging(peer, reason: liveness.rawValue, nowMs: nowMs)
                    }
                }
            }
        }
        for (origin, fetch) in fetches where nowMs - fetch.lastActivityMs >= settings.fetchTimeoutMs {
            logger.info(
                "fetch timed out", metadata: ["peer.id": "\(fetch.peer)", "event.origin": "\(origin)"])
            fetches[origin] = nil
            peers[fetch.peer]?.missed.insert(origin)
            peerRotation += 1
        }
        retryEvidenceAsks(nowMs: nowMs)
        requestMissing(nowMs: nowMs)
    }

    /// When recent events of `origin` after `seq` were appended here (own log: when the append
    /// began) or durably stored here (replicas: when their transaction committed), by the wall
    /// clock, one record per batch; the last 16,384 batches are kept.
    public func timings(origin: String, after seq: UInt64) -> [BatchTiming] {
        timingLog.records(origin: origin, after: seq)
    }

    /// Software name sent in HELLO.
    public static let agentName = "jointsupervision-swift/0.1"

    /// This node's whole version vector.
    public var headAnnouncement: Head {
        Head(
            entries: heads.sorted { $0.key < $1.key }.map {
                HeadEntry(origin: $0.key, seq: $0.value.seq, hash: $0.value.hash)
            })
    }

    /// Whether `agent` holds `origin`'s log (on a flat bus, every agent every log).
    func holds(_ agent: String, origin: String) -> Bool {
        topology?.holds(agent, origin: origin) ?? true
    }

    /// The digest of what `peer` told, computed once per change.
    private func toldDigest(of peer: String) -> [UInt8] {
        if let digest = peers[peer]!.toldDigest { return digest }
        let digest = Head.digest(of: peers[peer]!.told.mapValues { ($0.seq, $0.hash) })
        peers[peer]!.toldDigest = digest
        return digest
    }

    /// This node's version vector as `peer` is told it (the origins `peer` holds), and its digest.
    /// Peers that hold every origin held here share one, computed once per change of the heads.
    private func vector(for peer: String) -> (entries: [HeadEntry], digest: [UInt8]) {
        if wholeVectorChanges != headsChanges {
            let entries = heads.sorted { $0.key < $1.key }.map {
                HeadEntry(origin: $0.key, seq: $0.value.seq, hash: $0.value.hash)
            }
            wholeVector = (entries, Self.digest(entries))
            wholeVectorChanges = headsChanges
        }
        let whole = wholeVector!
        guard topology != nil else { return whole }
        if let cached = peerVectors[peer], cached.changes == headsChanges { return cached.vector }
        let entries = whole.entries.filter { holds(peer, origin: $0.origin) }
        let vector = entries.count == whole.entries.count ? whole : (entries, Self.digest(entries))
        peerVectors[peer] = (headsChanges, vector)
        return vector
    }

    private static func digest(_ entries: [HeadEntry]) -> [UInt8] {
        var vector: [String: (seq: UInt64, hash: Hash256)] = [:]
        for entry in entries { vector[entry.origin] = (entry.seq, entry.hash) }
        return Head.digest(of: vector)
    }

    /// Whether `peer` is due a HEAD at this heartbeat: a peer of protocol version 1 at every
    /// one; another when its view of the vector may have changed, when the last HEAD promised it
    /// the next one within a heartbeat, or when the idle interval is nearly over.
    private func announcementDue(to peer: String, nowMs: Int64) -> Bool {
        let state = peers[peer]!
        guard state.takesDeltas, state.sent != nil, state.sentAtChanges == headsChanges else { return true }
        let idleMs = settings.heartbeatMs * max(settings.idleHeartbeats, 1)
        return state.promisedMs <= settings.heartbeatMs
            || nowMs - state.lastHeadSentMs >= idleMs - settings.heartbeatMs / 2
    }

    /// Sends `peer` a HEAD: to a peer that takes deltas, what changed since the last one it was
    /// sent and the digest of the whole, and when the next one comes (a heartbeat after a
    /// change, the idle interval after none); to an older one, or after a mismatch, the whole vector.
    private func sendHead(to peer: String, wantFull: Bool = false) {
        let (whole, digest) = vector(for: peer)
        let state = peers[peer]!
        var head: Head
        if state.takesDeltas {
            if let sent = state.sent {
                // Nothing changed since the last HEAD to it: an empty delta, without comparing.
                let changed =
                    state.sentAtChanges == headsChanges
                    ? [] : whole.filter { sent[$0.origin] != LogHead(seq: $0.seq, hash: $0.hash) }
                head = Head(entries: changed, delta: true, digest: digest, wantFull: wantFull)
            } else {
                head = Head(entries: whole, digest: digest, wantFull: wantFull)
            }
            let idle = head.delta && head.entries.isEmpty && !wantFull
            head.nextWithinMs = UInt32(
                clamping: settings.heartbeatMs * (idle ? max(settings.idleHeartbeats, 1) : 1))
        } else {
            head = Head(entries: whole, wantFull: wantFull)
        }
        guard send(.head(head), to: peer) else { return }
        metrics.headsSent += 1
        metrics.headEntriesSent += UInt64(head.entries.count)
        peers[peer]!.sentAtChanges = headsChanges
        peers[peer]!.lastHeadSentMs = lastNowMs
        peers[peer]!.promisedMs = head.nextWithinMs == 0 ? settings.heartbeatMs : Int64(head.nextWithinMs)
        guard !(head.delta && head.entries.isEmpty) else { return }
        var sent = head.delta ? state.sent ?? [:] : [:]
        for entry in head.entries { sent[entry.origin] = LogHead(seq: entry.seq, hash: entry.hash) }
        peers[peer]!.sent = sent
    }

    // MARK: Internals

    /// Batches accepted in one ``receive(_:nowMs:)`` call, stored together.
    private struct Round {
        var heads: [String: LogHead]
        var accepted: [VerifiedBatch] = []
        /// Withheld events stored from a relay (not from their origin) that this node may be
        /// entitled to: their payloads are asked for later.
        var relayedStubs: [String: [UInt64]] = [:]
        var live = 0
        var repaired = 0
    }

    private func consider(_ batch: EventBatch, from peer: String, nowMs: Int64, round: inout Round) {
        guard holds(department, origin: batch.origin) else {
            metrics.outOfScope += 1
            logger.debug(
                "batch of an origin outside this node's scope dropped",
                metadata: ["peer.id": "\(peer)", "event.origin": "\(batch.origin)"])
            return
        }
        let head = round.heads[batch.origin] ?? .empty
        if batch.requestId != 0, var fetch = fetches[batch.origin], fetch.requestID == batch.requestId {
            fetch.lastActivityMs = nowMs
            fetches[batch.origin] = fetch
        }
        switch batchVerifier.verify(batch, head: head) {
        case .accept(var verified):
            if let boundary = topology?.boundary, boundary.crosses(department, batch.origin) {
                withholdUnagreed(&verified, from: peer)
            }
            let last = LogHead(seq: verified.events.last!.seq, hash: verified.hashes.last!)
            round.heads[batch.origin] = last
            verified.settlesWithheld = settlesWithheld(batch)
            round.accepted.append(verified)
            if !verified.settlesWithheld {
                for event in verified.events where event.isPayloadWithheld && policy.mightReceive(department, event) {
                    round.relayedStubs[batch.origin, default: []].append(event.seq)
                }
            }
            if batch.requestId == 0 {
                round.live += verified.events.count
            } else {
                round.repaired += verified.events.count
            }
            if let next = takeBuffered(origin: batch.origin, after: last.seq) {
                consider(next, from: peer, nowMs: nowMs, round: &round)
            }
        case .duplicate(let lastSeq, let lastHash):
            metrics.duplicates += 1
            let held = lastSeq == head.seq ? head.hash : (try? store.hash(origin: batch.origin, seq: lastSeq)) ?? nil
            if let held, held != lastHash {
                guard batchVerifier.verifiedHashes(batch) != nil else {
                    metrics.rejected += 1
                    return
                }
                equivocation(batch, from: peer, seq: lastSeq, held: held, theirs: lastHash, nowMs: nowMs)
            }
            // A batch that forks within may still carry payloads of the events before the fork.
            if held != nil, refills[batch.origin] != nil { refill(batch, from: peer) }
        case .conflict(let seq, let theirs):
            equivocation(batch, from: peer, seq: seq, held: head.hash, theirs: theirs, nowMs: nowMs)
        case .gap(let from, let to):
            logger.debug(
                "gap", metadata: ["event.origin": "\(batch.origin)", "from": "\(from)", "to": "\(to)"])
            buffer(batch)
        case .reject(let reason):
            metrics.rejected += 1
            logger.warning(
                "rejected batch",
                metadata: [
                    "peer.id": "\(peer)", "event.origin": "\(batch.origin)",
                    "event.seq": "\(batch.firstSeq)", "reason": "\(reason)",
                ])
        }
    }

    /// Keeps only the payloads of a foreign origin's events that the federation agreement
    /// lets this node receive: a payload of a kind or category not agreed is stored withheld
    /// (its hash keeps the chain verifiable) and counted as refused.
    private func withholdUnagreed(_ verified: inout VerifiedBatch, from peer: String) {
        for index in verified.events.indices {
            let event = verified.events[index]
            guard !event.isPayloadWithheld, !policy.mayReceive(department, event) else { continue }
            verified.events[index] = event.withholdingPayload()
            metrics.rejected += 1
            logger.warning(
                "payload of a kind not agreed with the foreign region withheld",
                metadata: [
                    "peer.id": "\(peer)", "event.origin": "\(event.origin)", "event.seq": "\(event.seq)",
                    "event.kind": "\(event.kind.rawValue)",
                ])
        }
    }

    private func commit(_ round: Round, nowMs: Int64) -> Int {
        guard !round.accepted.isEmpty else { return 0 }
        do {
            try store.append(round.accepted, membershipVersion: policy.membershipVersion)
        } catch {
            logger.error("store write failed; events will be fetched again", metadata: ["error": "\(error)"])
            for batch in round.accepted { fetches[batch.checkpoint.origin] = nil }
            return 0
        }
        let storedMicros = wallClockMicros()
        for (origin, seqs) in round.relayedStubs { refills[origin, default: []] += seqs }
        for batch in round.accepted {
            recordTiming(batch, atMicros: storedMicros)
            membershipEvents += batch.events.filter { $0.kind == .membership }
        }
        heads = round.heads
        metrics.received += UInt64(round.live)
        metrics.repaired += UInt64(round.repaired)
        for (origin, fetch) in fetches where (heads[origin]?.seq ?? 0) >= fetch.through {
            fetches[origin] = nil
        }
        return round.live + round.repaired
    }

    /// Keeps an out-of-order live batch while the gap before it is fetched, within a bound.
    private func buffer(_ batch: EventBatch) {
        var held = reorder[batch.origin] ?? []
        let total = held.reduce(0) { $0 + $1.events.count }
        guard total + batch.events.count <= settings.reorderBufferEvents else { return }
        held.append(batch)
        held.sort { $0.firstSeq < $1.firstSeq }
        reorder[batch.origin] = held
        wanted[batch.origin] = wanted[batch.origin] ?? lastNowMs
    }

    private func takeBuffered(origin: String, after seq: UInt64) -> EventBatch? {
        guard var held = reorder[origin] else { return nil }
        held.removeAll { $0.lastSeq <= seq }
        defer { reorder[origin] = held.isEmpty ? nil : held }
        guard let first = held.first, first.firstSeq <= seq + 1 else { return nil }
        return held.removeFirst()
    }

    /// Takes a peer's announcement: its whole vector, or with `delta` what changed.
    private func announce(_ entries: [HeadEntry], from peer: String, delta: Bool, nowMs: Int64) {
        if !delta || !entries.isEmpty { peers[peer]!.toldDigest = nil }
        if !delta { peers[peer]!.told = [:] }
        peers[peer]!.missed = []
        var changed = peers[peer]!.lowered
        for entry in entries where holds(department, origin: entry.origin) {
            let theirs = LogHead(seq: entry.seq, hash: entry.hash)
            peers[peer]!.told[entry.origin] = theirs
            if peers[peer]!.announced[entry.origin] != theirs { changed.insert(entry.origin) }
        }
        // Every HEAD restores what the peer said, also where a MISS had lowered it (an empty
        // delta with nothing lowered changes nothing).
        if !delta || !entries.isEmpty || !peers[peer]!.lowered.isEmpty {
            peers[peer]!.announced = peers[peer]!.told
            peers[peer]!.lowered = []
        }
        for origin in changed.union(peers[peer]!.uncompared) {
            guard let theirs = peers[peer]!.announced[origin] else {
                peers[peer]!.uncompared.remove(origin)
                continue
            }
            if theirs.seq > (heads[origin]?.seq ?? 0) {
                peers[peer]!.uncompared.insert(origin)
                if wanted[origin] == nil { wanted[origin] = nowMs }
            } else {
                peers[peer]!.uncompared.remove(origin)
                checkAnnounced(theirs, origin: origin, from: peer)
            }
        }
        let announced = peers[peer]!.announced
        let heardTwice = recoveryWaiting.contains(peer) && !recoveryHeardOnce.insert(peer).inserted
        if (heardTwice && recoveryWaiting.remove(peer) != nil) || !ownLog.allowsAppends {
            ownTarget = max(ownTarget, announced[department]?.seq ?? 0)
        } else if case .recovered = ownLog, let theirs = announced[department],
            case let held = heads[department]?.seq ?? 0, theirs.seq > held
        {
            if signedSinceRecovery {
                conflict(
                    "\(peer) holds \(department)'s log up to \(theirs.seq), beyond this node's \(held): another process signs with this department's keys, or this store was restored while that one ran"
                )
            } else {
                // Signed nothing since recovering, this node cannot have forked: recovery missed
                // events (a peer held them in its reorder buffer, not yet stored): fetch them first.
                logger.warning(
                    "a peer holds this department's log beyond its head; recovering it again before appending",
                    metadata: ["peer.id": "\(peer)", "event.seq": "\(theirs.seq)"])
                ownTarget = theirs.seq
                ownLog = .recovering(waitingFor: [], held: held, target: theirs.seq)
            }
        }
        updateRecovery()
        let mine = heads[department]?.seq ?? 0
        let theirs = announced[department]?.seq ?? 0
        if peers[peer]!.lagging && mine - min(mine, theirs) <= UInt64(settings.reorderBufferEvents / 2)
            && nowMs - peers[peer]!.laggingSinceMs >= settings.heartbeatMs
        {
            peers[peer]!.lagging = false
            logger.info("peer caught up; live push resumed", metadata: ["peer.id": "\(peer)"])
        } else if !peers[peer]!.lagging && mine > theirs + UInt64(settings.reorderBufferEvents) {
            markLagging(peer, reason: "behind by \(mine - theirs) events", nowMs: nowMs)
        }
    }

    /// Compares what a peer announced of `origin` with the held log; on a different hash at a
    /// seq both hold, asks that peer for the batch there, whose signature makes it evidence.
    private func checkAnnounced(_ theirs: LogHead, origin: String, from peer: String) {
        guard let mine = heads[origin], theirs.seq >= 1, theirs.seq <= mine.seq, theirs.hash != .zero else { return }
        let held = theirs.seq == mine.seq ? mine.hash : (try? store.hash(origin: origin, seq: theirs.seq)) ?? nil
        guard let held, held != theirs.hash else { return }
        let key = "\(peer) \(origin) \(theirs.seq) \(theirs.hash.hex)"
        guard evidenceSeen.insert(key).inserted else { return }
        logger.critical(
            "fork: a peer holds a different log",
            metadata: ["peer.id": "\(peer)", "event.origin": "\(origin)", "event.seq": "\(theirs.seq)"])
        conflicting.insert([peer, origin])
        evidenceAsks.append((peer, origin, theirs.seq, lastNowMs))
        askForEvidence(peer: peer, origin: origin, seq: theirs.seq)
    }

    /// Asks `peer` for its batch at `origin`'s `seq`, which the peer announced with another hash.
    private func askForEvidence(peer: String, origin: String, seq: UInt64) {
        let request = FetchRequest(requestId: nextRequestID, origin: origin, fromSeq: seq, toSeq: seq, maxEvents: 1)
        nextRequestID += 1
        _ = send(.fetch(request), to: peer)
    }

    /// Asks again for evidence not received (the reply was lost, or the peer went away), until
    /// this node holds evidence about the origin.
    private func retryEvidenceAsks(nowMs: Int64) {
        evidenceAsks.removeAll { equivocatedOrigins.contains($0.origin) || peers[$0.peer] == nil }
        for index in evidenceAsks.indices where nowMs - evidenceAsks[index].askedMs >= settings.fetchTimeoutMs {
            evidenceAsks[index].askedMs = nowMs
            askForEvidence(
                peer: evidenceAsks[index].peer, origin: evidenceAsks[index].origin, seq: evidenceAsks[index].seq)
        }
    }

    /// Keeps and reports a validly signed batch that contradicts the held log of its origin.
    private func equivocation(
        _ batch: EventBatch, from peer: String, seq: UInt64, held: Hash256, theirs: Hash256, nowMs: Int64
    ) {
        conflicting.insert([peer, batch.origin])
        let key = "\(batch.origin) \(seq) \(theirs.hex)"
        guard evidenceSeen.insert(key).inserted else { return }
        metrics.equivocations += 1
        equivocatedOrigins.insert(batch.origin)
        logger.error(
            "equivocation: the origin signed two different events at one seq; evidence kept",
            metadata: [
                "peer.id": "\(peer)", "event.origin": "\(batch.origin)", "event.seq": "\(seq)",
                "held.hash": "\(held.hex)", "other.hash": "\(theirs.hex)",
            ])
        do {
            try store.recordEquivocation(
                Equivocation(
                    origin: batch.origin, seq: seq, heldHash: held, otherHash: theirs, peer: peer,
                    batch: BusMessage.batch(batch).serializedBytes(), detectedMs: nowMs))
        } catch {
            logger.error("cannot store evidence of an equivocation", metadata: ["error": "\(error)"])
            evidenceSeen.remove(key)  // kept again when the batch comes back
        }
        if batch.origin == department {
            conflict("\(peer) sent events of \(department)'s log signed with its key that this node did not write")
        }
    }

    private func conflict(_ reason: String) {
        if case .conflicted = ownLog { return }
        ownLog = .conflicted(reason: reason)
        logger.critical(
            "own log conflict: appends refused", metadata: ["reason": "\(reason)"])
    }

    /// Moves own-log recovery on: recovered once every peer was heard and their most is held.
    private func updateRecovery() {
        guard case .recovering = ownLog else { return }
        let held = heads[department]?.seq ?? 0
        if recoveryWaiting.isEmpty && held >= ownTarget {
            ownLog = .recovered
            signedSinceRecovery = false
            logger.info("own log recovered; appending", metadata: ["event.seq": "\(held)"])
        } else {
            ownLog = .recovering(waitingFor: recoveryWaiting.sorted(), held: held, target: max(ownTarget, held))
        }
    }

    /// Withheld events this node may receive and still asks for: origin → seqs.
    public var pendingRefills: [String: [UInt64]] { refills }

    /// Lists the withheld events this node may receive under its data rights now and that are
    /// not settled under them (its own log's too, after a lost store), to ask for their
    /// payloads: after start and every membership change.
    private func planRefills() {
        refills = [:]
        refillMissed = [:]
        refillCursor = [:]
        for origin in heads.keys {
            let seqs = ((try? store.withheld(origin: origin)) ?? []).filter { held in
                held.settledVersion != policy.membershipVersion
                    && policy.mightReceive(
                        department,
                        EventEnvelope(
                            origin: origin, seq: held.seq, prevHash: .zero, timestampMs: 0, kind: held.kind,
                            payload: [],
                            payloadHash: .zero))
            }.map(\.seq)
            if !seqs.isEmpty { refills[origin] = seqs }
        }
        if !refills.isEmpty {
            logger.info(
                "withheld payloads this node may receive; asking their holders",
                metadata: ["events": "\(refills.values.reduce(0) { $0 + $1.count })"])
        }
    }

    /// Asks for the payloads of withheld events, a contiguous run per origin at a time: the
    /// origin first, then the other holders; after a run no holder can serve, the next run, and
    /// the first again a little later.
    private func requestRefills(nowMs: Int64) {
        for (origin, fetch) in refillFetches where nowMs - fetch.lastActivityMs >= settings.fetchTimeoutMs {
            refillMissed[origin, default: []].insert(fetch.peer)
            refillFetches[origin] = nil
        }
        for origin in refills.keys.sorted()
        where refillFetches[origin] == nil && (refillRetryAtMs[origin] ?? 0) <= nowMs {
            guard let seqs = refills[origin], let lowest = seqs.first else { continue }
            // One window from the cursor: the events between come along (already held in full).
            let first = seqs.first { $0 >= refillCursor[origin] ?? 0 } ?? lowest
            let last = seqs.last { $0 >= first && $0 < first + UInt64(settings.maxBatchEvents) } ?? first
            let tried = refillMissed[origin] ?? []
            // A peer holding a conflicting copy may still hold these events: the store fills only
            // payloads of the very events it holds.
            var candidates = peers.keys.sorted().filter {
                !tried.contains($0) && (peers[$0]!.announced[origin]?.seq ?? 0) >= last
            }
            if let index = candidates.firstIndex(of: origin) { candidates.insert(candidates.remove(at: index), at: 0) }
            guard !candidates.isEmpty else {
                // Nobody reachable serves this window now: the next one, or all again a little later.
                refillMissed[origin] = nil
                if let next = seqs.first(where: { $0 > last }) {
                    refillCursor[origin] = next
                } else {
                    refillCursor[origin] = nil
                    refillRetryAtMs[origin] = nowMs + 10 * settings.heartbeatMs
                }
                continue
            }
            for peer in candidates {
                let request = FetchRequest(
                    requestId: nextRequestID, origin: origin, fromSeq: first, toSeq: last,
                    maxEvents: UInt32(last - first + 1))
                nextRequestID += 1
                guard send(.fetch(request), to: peer) else {
                    refillMissed[origin, default: []].insert(peer)
                    continue
                }
                refillFetches[origin] = OutstandingFetch(
                    requestID: request.requestId, peer: peer, through: last, lastActivityMs: nowMs)
                logger.debug(
                    "refill fetch",
                    metadata: ["peer.id": "\(peer)", "event.origin": "\(origin)", "from": "\(first)", "to": "\(last)"])
                break
            }
        }
    }

    /// Puts back the payloads a reply carries for events held withheld; what a holder of the
    /// payloads withholds under this node's data rights, this node is not entitled to.
    private func refill(_ batch: EventBatch, from peer: String) {
        if refillFetches[batch.origin]?.peer == peer { refillFetches[batch.origin] = nil }
        guard batchVerifier.verifiedHashes(batch) != nil else { return }
        let settles = settlesWithheld(batch)
        // Only the very events held here (not others signed at their seqs) settle anything.
        let held = batch.events.filter { (try? store.hash(origin: $0.origin, seq: $0.seq)) == $0.computeHash() }
        let settled = Set(held.filter { !$0.payload.isEmpty || settles }.map(\.seq))
        do {
            metrics.refilled += UInt64(try store.refill(held, membershipVersion: policy.membershipVersion))
            if settles {
                try store.settle(
                    origin: batch.origin, seqs: held.filter(\.isPayloadWithheld).map(\.seq),
                    membershipVersion: policy.membershipVersion)
            }
        } catch {
            logger.error("cannot refill withheld payloads", metadata: ["error": "\(error)"])
            return
        }
        let pending = refills[batch.origin] ?? []
        // A holder that sent none of the payloads asked for holds them withheld too: ask another.
        if !pending.contains(where: settled.contains) { refillMissed[batch.origin, default: []].insert(peer) }
        logger.debug(
            "refill reply",
            metadata: [
                "peer.id": "\(peer)", "event.origin": "\(batch.origin)", "from": "\(batch.firstSeq)",
                "to": "\(batch.lastSeq)",
                "settled": "\(settled.count)", "pending": "\(refills[batch.origin]?.count ?? 0)",
            ])
        refills[batch.origin]?.removeAll { settled.contains($0) }
        if refills[batch.origin]?.isEmpty == true { refills[batch.origin] = nil }
    }

    /// The membership version this node's data rights come from, as batches carry it.
    private var rightsVersion: UInt64 { UInt64(max(policy.membershipVersion, 0)) }

    /// Whether `batch`'s withheld payloads are ones this node may not receive: its sender held
    /// them and applied the data rights this node holds too.
    private func settlesWithheld(_ batch: EventBatch) -> Bool {
        batch.rightsVersion != 0 && batch.rightsVersion == rightsVersion
    }

    private func markLagging(_ peer: String, reason: String, nowMs: Int64) {
        guard !peers[peer]!.lagging else { return }
        peers[peer]!.lagging = true
        peers[peer]!.laggingSinceMs = nowMs
        logger.info("live push paused; peer will catch up", metadata: ["peer.id": "\(peer)", "reason": "\(reason)"])
    }

    /// Sends fetches for every origin some peer holds beyond this node, one outstanding per
    /// origin: to the origin first, else to any other holder in turn. A peer that refuses the
    /// send, answered MISS or announced a conflicting log is skipped, so repair goes on
    /// while only the origin is out of reach.
    ///
    /// Only origins in ``wanted`` are looked at. A gap that only a relay announced waits a
    /// heartbeat: the origin's own push is usually still on its way (its connection delivers in
    /// order, so a gap the origin announces itself, or one in its live stream, is fetched at once).
    private func requestMissing(nowMs: Int64) {
        for origin in wanted.keys.sorted() where fetches[origin] == nil {
            let held = heads[origin]?.seq ?? 0
            var target: UInt64 = 0
            for (peer, state) in peers {
                guard let head = state.announced[origin], head.seq > held, !conflicting.contains([peer, origin])
                else { continue }
                target = max(target, head.seq)
            }
            var urgent = peers[origin] == nil || (peers[origin]?.announced[origin]?.seq ?? 0) > held
            if let first = reorder[origin]?.first?.firstSeq, first > held + 1 {
                target = max(target, first - 1)
                urgent = true
            }
            guard target > held else {
                wanted[origin] = nil
                continue
            }
            // A gap only relays announced is usually the origin's push still on its way (a burst
            // queues many batches behind each other): while the origin can reach this node (its
            // connection up, or heard from lately), wait for its own HEAD, which its connection
            // delivers after its pushes, up to 10 heartbeats; else 1.
            let originReachable =
                peers[origin].map {
                    $0.connected == true
                        || [.alive, .evasive].contains(
                            $0.liveness(now: livenessClock.nowMs, heartbeatMs: settings.heartbeatMs))
                } ?? false
            let wait = settings.heartbeatMs * (originReachable ? 10 : 1)
            guard urgent || nowMs - wanted[origin]! >= wait else { continue }
            let from = held + 1
            let candidates = holders(of: origin, from: from)
            for peer in candidates {
                let through = min(
                    target, peers[peer]!.announced[origin]!.seq, from + UInt64(settings.fetchWindowEvents) - 1)
                if sendFetch(origin: origin, from: from, through: through, to: peer, nowMs: nowMs) { break }
                peers[peer]!.missed.insert(origin)
                peerRotation += 1
            }
        }
        requestRefills(nowMs: nowMs)
    }

    /// Peers that announced `origin` from `from` on, the origin first (unless it just failed),
    /// then the others in rotation; peers that missed or conflict come last or not at all.
    private func holders(of origin: String, from: UInt64) -> [String] {
        let all = peers.keys.sorted().filter {
            (peers[$0]!.announced[origin]?.seq ?? 0) >= from && !conflicting.contains([$0, origin])
        }
        guard !all.isEmpty else { return [] }
        let fresh = all.filter { !peers[$0]!.missed.contains(origin) }
        let pool = fresh.isEmpty ? all : fresh
        let offset = peerRotation % pool.count
        var ordered = Array(pool[offset...] + pool[..<offset])
        if let index = ordered.firstIndex(of: origin), peerRotation % 2 == 0 {
            ordered.remove(at: index)
            ordered.insert(origin, at: 0)
        }
        return ordered
    }

    private func sendFetch(origin: String, from: UInt64, through: UInt64, to peer: String, nowMs: Int64) -> Bool {
        let request = FetchRequest(
            requestId: nextRequestID, origin: origin, fromSeq: from, toSeq: through,
            maxEvents: settings.fetchWindowEvents)
        nextRequestID += 1
        guard send(.fetch(request), to: peer) else { return false }
        metrics.fetchesSent += 1
        fetches[origin] = OutstandingFetch(
            requestID: request.requestId, peer: peer, through: through, lastActivityMs: nowMs)
        logger.debug(
            "fetch",
            metadata: ["peer.id": "\(peer)", "event.origin": "\(origin)", "from": "\(from)", "to": "\(through)"])
        return true
    }

    /// Answers a fetch with batches that each end at a stored checkpoint, withholding the
    /// payloads `peer` may not receive. A batch that relays an event this node holds only
    /// withheld, while `peer` may be entitled to its payload, says so (``EventBatch/rightsVersion``
    /// 0): the peer stores the chain and asks the holders of the payload for it.
    private func serve(_ request: FetchRequest, to peer: String) {
        let held = holds(peer, origin: request.origin) ? heads[request.origin]?.seq ?? 0 : 0
        guard request.fromSeq >= 1, request.fromSeq <= held else {
            _ = send(.miss(FetchMiss(requestId: request.requestId, origin: request.origin, heldSeq: held)), to: peer)
            return
        }
        let window = UInt64(max(request.maxEvents, 1))
        let end = min(request.toSeq, held, request.fromSeq + window - 1)
        var from = request.fromSeq
        do {
            while from <= end {
                guard let batch = try replyBatch(origin: request.origin, from: from, upTo: end) else {
                    logger.error("no checkpoint covers held events", metadata: ["event.origin": "\(request.origin)"])
                    return
                }
                var reply = batch
                reply.requestId = request.requestId
                var settles = true
                reply.events = batch.events.map { event in
                    if event.isPayloadWithheld {
                        // No category to read: only a holder of the payload can settle the peer's rights.
                        if policy.mightReceive(peer, event) { settles = false }
                        return event
                    }
                    return policy.mayReceive(peer, event) ? event : event.withholdingPayload()
                }
                reply.rightsVersion = settles ? rightsVersion : 0
                guard send(.batch(reply), to: peer) else { return }
                meter.record(reply.events, to: peer, purpose: .fetch)
                from = batch.lastSeq + 1
            }
            metrics.fetchesServed += 1
        } catch {
            logger.error("cannot read store to serve a fetch", metadata: ["error": "\(error)"])
        }
    }

    /// The next fetch-reply batch from `from`: at most ``ReplicatorSettings/maxBatchEvents`` events
    /// and about ``ReplicatorSettings/maxBatchBytes`` of payload, ending at a stored checkpoint
    /// (beyond `end` if the first checkpoint lies there).
    private func replyBatch(origin: String, from: UInt64, upTo end: UInt64) throws -> EventBatch? {
        let chunkEnd = min(end, from + UInt64(settings.maxBatchEvents) - 1)
        var events = try store.events(origin: origin, from: from, through: chunkEnd, limit: .max)
        var bytes = 0
        var cut = from
        for event in events {
            bytes += event.payload.count
            if bytes > settings.maxBatchBytes && event.seq > from { break }
            cut = event.seq
        }
        guard
            let checkpoint = try store.lastCheckpoint(origin: origin, in: from...cut)
                ?? store.checkpoint(origin: origin, atOrAfter: from)
        else { return nil }
        if checkpoint.seq <= chunkEnd {
            events.removeLast(events.count - Int(checkpoint.seq - from + 1))
        } else {
            events = try store.events(origin: origin, from: from, through: checkpoint.seq, limit: .max)
        }
        return EventBatch(origin: origin, events: events, checkpoint: checkpoint)
    }

    private func recordTiming(_ batch: VerifiedBatch, atMicros: Int64) {
        guard let first = batch.events.first, let last = batch.events.last else { return }
        timingLog.record(BatchTiming(origin: first.origin, firstSeq: first.seq, lastSeq: last.seq, atMicros: atMicros))
    }

    private func send(_ message: BusMessage, to peer: String) -> Bool {
        if transport.send(message, to: peer) { return true }
        metrics.sendsRefused += 1
        return false
    }
}

extension Replicator {
    /// Takes the `membership` events of peers stored since the last call.
    public func takeMembershipEvents() -> [EventEnvelope] {
        defer { membershipEvents = [] }
        return membershipEvents
    }

    /// Takes the metering counted since the last call (the node adds it to the store).
    public func takeMetering() -> [MeteringRecord] { meter.take() }

    /// Applies a new membership: admits new peers, drops departed ones (their pending fetches
    /// too), and verifies and delivers by the new keys and rights from now on.
    public func updateMembership(
        peers newPeers: [String], verifier: CheckpointVerifier, policy: DeliveryPolicy, topology: Topology? = nil
    ) {
        self.topology = topology
        headsChanges &+= 1  // what was derived from the topology too
        let wanted = Set(newPeers).subtracting([department])
        for peer in wanted where peers[peer] == nil { peers[peer] = PeerState() }
        for peer in peers.keys where !wanted.contains(peer) {
            peers[peer] = nil
            reported[peer] = nil
            statusCache[peer] = nil
            for (origin, fetch) in fetches where fetch.peer == peer { fetches[origin] = nil }
        }
        batchVerifier = BatchVerifier(verifier: verifier)
        self.policy = policy
        recoveryWaiting = recoveryWaiting.filter { wanted.contains($0) && holds($0, origin: department) }
        updateRecovery()
        planRefills()
    }

    /// Counts and logs a frame that could not be decoded (garbage, wrong framing, invalid fields).
    public func rejectMalformed(from peer: String, reason: String) {
        metrics.malformed += 1
        logger.warning("rejected malformed message", metadata: ["peer.id": "\(peer)", "reason": "\(reason)"])
    }
}
