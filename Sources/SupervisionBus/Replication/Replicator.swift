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
    public private(set) var heads: [String: LogHead]
    /// Counters since start.
    public internal(set) var metrics = BusMetrics()

    let store: EventStore
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
    private var peerRotation = 0
    private var timingLog = TimingLog()
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
        department: String, store: EventStore, signingKey: SigningKey, signingKeyID: UInt32 = 0, peers: [String],
        verifier: CheckpointVerifier, policy: DeliveryPolicy = .everything, transport: any BusTransport,
        settings: ReplicatorSettings = .init(), logger: Logger
    ) throws {
        self.department = department
        self.store = store
        self.signingKey = signingKey
        self.signingKeyID = signingKeyID
        self.policy = policy
        self.batchVerifier = BatchVerifier(verifier: verifier)
        self.transport = transport
        self.settings = settings
        self.logger = logger
        self.logger[metadataKey: "dept.id"] = .string(department)
        self.heads = try store.heads()
        for peer in peers where peer != department { self.peers[peer] = PeerState() }
    }

    /// The status of every peer at `nowMs`.
    public func peerStatuses(nowMs: Int64) -> [PeerStatus] {
        peers.keys.sorted().map { id in
            let state = peers[id]!
            return PeerStatus(
                department: id, liveness: state.liveness(now: nowMs, heartbeatMs: settings.heartbeatMs),
                silentForMs: state.lastHeardMs.map { nowMs - $0 }, lagging: state.lagging,
                announced: state.announced.mapValues(\.seq),
                behind: heads.reduce(0) { $0 + ($1.value.seq - min($1.value.seq, state.announced[$1.key]?.seq ?? 0)) },
                ahead: state.announced.reduce(0) { $0 + ($1.value.seq - min($1.value.seq, heads[$1.key]?.seq ?? 0)) })
        }
    }

    // MARK: Appending

    /// Appends events to this department's own log, durably, signs a checkpoint per batch,
    /// and pushes them to every peer that keeps up. Returns the stored events.
    public func append(_ drafts: [EventDraft], timestampMs: Int64) throws -> [EventEnvelope] {
        guard !drafts.isEmpty else { return [] }
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
        metrics.appended += UInt64(drafts.count)
        for batch in batches { recordTiming(batch, atMicros: startedMicros) }
        let targets = peers.keys.sorted().filter { !peers[$0]!.lagging }
        for batch in batches where !targets.isEmpty {
            // Peers with the same rights over this batch share one encoding.
            let allowances = policy.allowances(batch.events, for: targets)
            var groups: [[Bool]: [String]] = [:]
            for peer in targets { groups[allowances[peer]!, default: []].append(peer) }
            for (allowed, group) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
                let events = zip(batch.events, allowed).map { $1 ? $0 : $0.withholdingPayload() }
                let message = BusMessage.batch(
                    EventBatch(origin: department, events: events, checkpoint: batch.checkpoint))
                let refused = Set(transport.send(message, toEach: group))
                for peer in group {
                    if refused.contains(peer) {
                        metrics.sendsRefused += 1
                        markLagging(peer, reason: "queue full or unreachable")
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
        var round = Round(heads: heads)
        for (peer, message) in inbox {
            guard peers[peer] != nil else {
                metrics.strangers += 1
                logger.warning("message from a department that is not a member", metadata: ["peer.id": "\(peer)"])
                continue
            }
            peers[peer]!.lastHeardMs = nowMs
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
                announce(hello.heads, from: peer)
                _ = send(.head(headAnnouncement), to: peer)
            case .head(let head):
                announce(head.entries, from: peer)
            case .batch(let batch):
                consider(batch, from: peer, nowMs: nowMs, round: &round)
            case .fetch(let request):
                serve(request, to: peer)
            case .miss(let miss):
                if let fetch = fetches[miss.origin], fetch.requestID == miss.requestId {
                    logger.debug(
                        "peer cannot serve fetch",
                        metadata: ["peer.id": "\(peer)", "event.origin": "\(miss.origin)", "held": "\(miss.heldSeq)"])
                    peers[peer]!.announced[miss.origin] = LogHead(seq: miss.heldSeq, hash: .zero)
                    fetches[miss.origin] = nil
                    peerRotation += 1
                }
            }
        }
        let stored = commit(round, nowMs: nowMs)
        requestMissing(nowMs: nowMs)
        return stored
    }

    /// Periodic work: HEAD announcements (heartbeats), liveness, fetch time-outs and retries.
    public func tick(nowMs: Int64) {
        if lastHeartbeatMs.map({ nowMs - $0 >= settings.heartbeatMs }) ?? true {
            lastHeartbeatMs = nowMs
            for peer in peers.keys.sorted() {
                if !peers[peer]!.helloSent {
                    peers[peer]!.helloSent = send(
                        .hello(Hello(department: department, agent: Self.agentName, heads: headAnnouncement.entries)),
                        to: peer)
                } else {
                    _ = send(.head(headAnnouncement), to: peer)
                }
                let liveness = peers[peer]!.liveness(now: nowMs, heartbeatMs: settings.heartbeatMs)
                if reported[peer] != liveness {
                    logger.info(
                        "peer \(liveness.rawValue)",
                        metadata: ["peer.id": "\(peer)", "from": "\(reported[peer]?.rawValue ?? "start")"])
                    reported[peer] = liveness
                    if liveness == .expired || liveness == .silent { markLagging(peer, reason: liveness.rawValue) }
                }
            }
        }
        for (origin, fetch) in fetches where nowMs - fetch.lastActivityMs >= settings.fetchTimeoutMs {
            logger.info(
                "fetch timed out", metadata: ["peer.id": "\(fetch.peer)", "event.origin": "\(origin)"])
            fetches[origin] = nil
            peerRotation += 1
        }
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

    /// This node's version vector as announced in HELLO and HEAD.
    public var headAnnouncement: Head {
        Head(
            entries: heads.sorted { $0.key < $1.key }.map {
                HeadEntry(origin: $0.key, seq: $0.value.seq, hash: $0.value.hash)
            })
    }

    // MARK: Internals

    /// Batches accepted in one ``receive(_:nowMs:)`` call, stored together.
    private struct Round {
        var heads: [String: LogHead]
        var accepted: [VerifiedBatch] = []
        var live = 0
        var repaired = 0
    }

    private func consider(_ batch: EventBatch, from peer: String, nowMs: Int64, round: inout Round) {
        let head = round.heads[batch.origin] ?? .empty
        if batch.requestId != 0, var fetch = fetches[batch.origin], fetch.requestID == batch.requestId {
            fetch.lastActivityMs = nowMs
            fetches[batch.origin] = fetch
        }
        switch batchVerifier.verify(batch, head: head) {
        case .accept(let verified):
            let last = LogHead(seq: verified.events.last!.seq, hash: verified.hashes.last!)
            round.heads[batch.origin] = last
            round.accepted.append(verified)
            if batch.requestId == 0 {
                round.live += verified.events.count
            } else {
                round.repaired += verified.events.count
            }
            if let next = takeBuffered(origin: batch.origin, after: last.seq) {
                consider(next, from: peer, nowMs: nowMs, round: &round)
            }
        case .duplicate:
            metrics.duplicates += 1
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
    }

    private func takeBuffered(origin: String, after seq: UInt64) -> EventBatch? {
        guard var held = reorder[origin] else { return nil }
        held.removeAll { $0.lastSeq <= seq }
        defer { reorder[origin] = held.isEmpty ? nil : held }
        guard let first = held.first, first.firstSeq <= seq + 1 else { return nil }
        return held.removeFirst()
    }

    private func announce(_ entries: [HeadEntry], from peer: String) {
        var announced: [String: LogHead] = [:]
        for entry in entries { announced[entry.origin] = LogHead(seq: entry.seq, hash: entry.hash) }
        peers[peer]!.announced = announced
        for (origin, theirs) in announced {
            if let mine = heads[origin], theirs.seq == mine.seq, theirs.hash != mine.hash {
                logger.critical(
                    "fork: a peer holds a different log", metadata: ["peer.id": "\(peer)", "event.origin": "\(origin)"])
            }
        }
        let mine = heads[department]?.seq ?? 0
        let theirs = announced[department]?.seq ?? 0
        if peers[peer]!.lagging && mine - min(mine, theirs) <= UInt64(settings.reorderBufferEvents / 2) {
            peers[peer]!.lagging = false
            logger.info("peer caught up; live push resumed", metadata: ["peer.id": "\(peer)"])
        } else if !peers[peer]!.lagging && mine > theirs + UInt64(settings.reorderBufferEvents) {
            markLagging(peer, reason: "behind by \(mine - theirs) events")
        }
    }

    private func markLagging(_ peer: String, reason: String) {
        guard !peers[peer]!.lagging else { return }
        peers[peer]!.lagging = true
        logger.info("live push paused; peer will catch up", metadata: ["peer.id": "\(peer)", "reason": "\(reason)"])
    }

    /// Sends fetches for every origin some peer holds beyond this node, one outstanding per origin.
    private func requestMissing(nowMs: Int64) {
        var wanted: [String: UInt64] = [:]
        for state in peers.values {
            for (origin, head) in state.announced where head.seq > (heads[origin]?.seq ?? 0) {
                wanted[origin] = max(wanted[origin] ?? 0, head.seq)
            }
        }
        for (origin, batches) in reorder {
            if let first = batches.first?.firstSeq, first > (heads[origin]?.seq ?? 0) + 1 {
                wanted[origin] = max(wanted[origin] ?? 0, first - 1)
            }
        }
        for (origin, target) in wanted.sorted(by: { $0.key < $1.key }) where fetches[origin] == nil {
            let from = (heads[origin]?.seq ?? 0) + 1
            let candidates = peers.keys.sorted().filter { (peers[$0]!.announced[origin]?.seq ?? 0) >= from }
            guard !candidates.isEmpty else { continue }
            // Prefer the origin itself, then rotate among the others (a timed-out peer is skipped next time).
            let peer =
                candidates.contains(origin) && peerRotation % 2 == 0
                ? origin : candidates[peerRotation % candidates.count]
            let through = min(
                target, peers[peer]!.announced[origin]!.seq, from + UInt64(settings.fetchWindowEvents) - 1)
            let request = FetchRequest(
                requestId: nextRequestID, origin: origin, fromSeq: from, toSeq: through,
                maxEvents: settings.fetchWindowEvents)
            nextRequestID += 1
            guard send(.fetch(request), to: peer) else { continue }
            metrics.fetchesSent += 1
            fetches[origin] = OutstandingFetch(
                requestID: request.requestId, peer: peer, through: through, lastActivityMs: nowMs)
            logger.debug(
                "fetch",
                metadata: ["peer.id": "\(peer)", "event.origin": "\(origin)", "from": "\(from)", "to": "\(through)"])
        }
    }

    /// Answers a fetch with batches that each end at a stored checkpoint, withholding the
    /// payloads `peer` may not receive. When this node holds an event only withheld while
    /// `peer` is entitled to its payload, it answers MISS from there on (the peer asks another).
    private func serve(_ request: FetchRequest, to peer: String) {
        let held = heads[request.origin]?.seq ?? 0
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
                var servable = true
                reply.events = batch.events.map { event in
                    guard policy.mayReceive(peer, event) else { return event.withholdingPayload() }
                    if event.isPayloadWithheld { servable = false }
                    return event
                }
                guard servable else {
                    _ = send(
                        .miss(FetchMiss(requestId: request.requestId, origin: request.origin, heldSeq: from - 1)),
                        to: peer)
                    return
                }
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
        var events = try store.events(origin: origin, from: from, through: chunkEnd)
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
            events = try store.events(origin: origin, from: from, through: checkpoint.seq)
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
    public func updateMembership(peers newPeers: [String], verifier: CheckpointVerifier, policy: DeliveryPolicy) {
        let wanted = Set(newPeers).subtracting([department])
        for peer in wanted where peers[peer] == nil { peers[peer] = PeerState() }
        for peer in peers.keys where !wanted.contains(peer) {
            peers[peer] = nil
            reported[peer] = nil
            for (origin, fetch) in fetches where fetch.peer == peer { fetches[origin] = nil }
        }
        batchVerifier = BatchVerifier(verifier: verifier)
        self.policy = policy
    }

    /// Counts and logs a frame that could not be decoded (garbage, wrong framing, invalid fields).
    public func rejectMalformed(from peer: String, reason: String) {
        metrics.malformed += 1
        logger.warning("rejected malformed message", metadata: ["peer.id": "\(peer)", "reason": "\(reason)"])
    }
}
