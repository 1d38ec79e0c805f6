import Foundation
import Logging
import SupervisionProtocol
import Synchronization
import ZeroMQ

extension BusNode {
    /// Largest frame the protocol allows: 16 MiB (Protocols/spec/1-JSB.md, "Framing"). Larger
    /// ones are counted (`oversized`) and dropped; the connection stays.
    static let maxFrameSize = 16 << 20
    /// Largest frame libzmq reads on the bus ROUTER (`ZMQ_MAXMSGSIZE`), which bounds the memory a
    /// peer can make us allocate for one message: twice the protocol's limit (plus room for
    /// CURVE's framing), so that a frame a little too large is seen and counted rather than
    /// ending the connection. A peer sending more is disconnected by libzmq (and may reconnect).
    static let maxMessageSize = Int64(2 * maxFrameSize + 1024)
    /// How often the loop shares its peers' status (and counts lost connections), in ms:
    /// `PeerStatus` walks every peer × origin.
    static let statusIntervalMs: Int64 = 250
    /// Most bus messages handled per loop turn before appends and ticks get their turn.
    static let receiveBudget = 256
    /// Most events taken in per loop turn (one transaction): a turn stays short under a burst,
    /// so control requests and heartbeats are served in time.
    static let receiveEventBudget = 8192

    /// The I/O thread: owns every socket, the replicator and the store's writes.
    func runLoop() throws {
        let context = try Context(defaultLingerMilliseconds: 0)
        defer { context.terminate() }
        let membership = self.membership
        let member = membership.member(configuration.department)!
        let busEndpoint = configuration.busEndpoint ?? member.busEndpoint

        // Fail closed: the ZAP handler is in place and refuses a bogus key before anything binds.
        var zap: ZAPHandler?
        if isSecure {
            let handler = try ZAPHandler(
                context: context, allowList: try membership.allowList(), domain: Self.zapDomain
            ) { [logger, unowned self] decision in
                guard decision.statusCode != 200, !decision.isSelfCheck else { return }
                self.shared.withLock { $0.authenticationsRefused += 1 }
                logger.warning(
                    "connection refused: key not in the membership",
                    metadata: [
                        "peer.address": "\(decision.address)", "mechanism": "\(decision.mechanism)",
                        "peer.key": "\(decision.publicKey?.z85 ?? "-")",
                    ])
            }
            do {
                try handler.selfCheck()
            } catch {
                handler.stop()
                throw BusError(.authentication, "transport authentication is not in place, refusing to serve: \(error)")
            }
            zap = handler
        } else {
            logger.warning("insecure transport: no CURVE, no authentication; peers' routing ids are trusted as given")
        }
        defer { zap?.stop() }

        let router = try context.makeSocket(.router)
        defer { router.close() }
        if isSecure { try router.makeCurveServer(secretKey: keys.curve.secretKey, zapDomain: Self.zapDomain) }
        try router.set(.maxMessageSize, Self.maxMessageSize)
        try router.set(.receiveHighWaterMark, 1000)
        // No ZMQ_ROUTER_HANDOVER: a connection claiming a routing id in use is refused, so no
        // connection can end another's. On a secure bus our peers set no routing id at all.
        do {
            try router.bind(busEndpoint)
        } catch {
            throw BusError(.transport, "cannot listen on the bus endpoint \(busEndpoint): \(error)")
        }
        let boundEndpoint = try router.lastEndpoint

        let controlEndpoint = configuration.resolvedControlEndpoint
        let control = try context.makeSocket(.router)
        do {
            try bindControl(control, endpoint: controlEndpoint)
        } catch {
            control.close()
            throw error
        }
        let controlThread = startControlThread(control)
        defer {
            // Runs before the context is terminated, also when the loop fails.
            shared.withLock { $0.stopping = true }
            controlWake.wake()
            _ = try? controlThread.join()
        }

        let peers = transportPeers(membership)
        let settings = configuration.replicatorSettings
        let transport = try ZeroMQTransport(
            context: context, department: configuration.department, keyPair: isSecure ? keys.curve : nil,
            peers: peers, heartbeatMs: settings.heartbeatMs,
            pingIntervalMs: 3 * settings.heartbeatMs * max(settings.idleHeartbeats, 1))
        defer { transport.close() }
        let replicator = try Replicator(
            department: configuration.department, store: store, signingKey: signingKey.key,
            signingKeyID: signingKey.id, peers: Array(peers.keys), verifier: try membership.verifier(),
            policy: policy(membership), topology: membership.topology, transport: transport, settings: settings,
            logger: logger)
        let keeper = try MembershipKeeper(node: self, replicator: replicator, transport: transport, zap: zap)
        replicator.updateMembership(
            peers: Array(peers.keys), verifier: try keeper.verifier(), policy: policy(membership),
            topology: membership.topology)

        var poller = Poller()
        let routerItem = poller.add(router, events: .readable)
        let wakeItem = poller.add(fileDescriptor: wakePipe.readDescriptor, events: .readable)
        let clock = ContinuousClock()
        let start = clock.now
        func nowMs() -> Int64 {
            let elapsed = start.duration(to: clock.now).components
            return elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        }
        var load = TestLoad()
        var lastPosition = try store.lastPosition()
        try? store.probeWrite()  // ready only if a write fits (watchStore retries while it does not)
        watchStore(nowMs: nowMs())
        publish(replicator, nowMs: nowMs(), ready: true, busEndpoint: boundEndpoint, lastPosition: lastPosition)
        logger.info(
            "ready",
            metadata: [
                "bus.endpoint": "\(boundEndpoint)", "control.endpoint": "\(controlEndpoint)",
                "peers": "\(peers.keys.sorted().joined(separator: ","))",
                "membership.version": "\(membership.version)", "secure": "\(isSecure)",
                "store.writable": "\(store.writeFailure == nil)",
            ])

        // Every half heartbeat at rest; every tenth while the own log recovers, so that a
        // restarted node starts appending as soon as its peers have answered.
        let tickMs = max(1, Int(settings.heartbeatMs / 2))
        let recoveringTickMs = max(1, Int(settings.heartbeatMs / 10))
        var lastStatusMs: Int64 = 0
        while true {
            let ready = try poller.poll(
                timeoutMilliseconds: load.isUnpaced
                    ? 0 : load.isActive ? 1 : replicator.ownLog.allowsAppends ? tickMs : recoveringTickMs)
            var stored = 0
            if ready[wakeItem].contains(.readable) { wakePipe.drain() }

            let appends = shared.withLock { state in
                defer { state.appends = [] }
                return state.appends
            }
            stored += performAppends(appends, replicator: replicator, nowMs: nowMs())
            stored += load.run(replicator: replicator, nowMs: nowMs(), logger: logger)

            serveIOControl(replicator: replicator, load: &load, nowMs: nowMs())
            if ready[routerItem].contains(.readable) {
                stored += receive(from: router, replicator: replicator, nowMs: nowMs())
            }
            keeper.consider(events: replicator.takeMembershipEvents())
            keeper.tick(nowMs: nowMs())
            watchStore(nowMs: nowMs())
            replicator.tick(nowMs: nowMs())
            flushMetering(replicator, nowMs: nowMs())
            if stored > 0 { lastPosition = try store.lastPosition() }
            // The whole status (peers × origins) every `statusIntervalMs`; what was stored at once.
            let now = nowMs()
            replicator.metrics.messagesSent = transport.messagesSent
            replicator.metrics.bytesSent = transport.bytesSent
            if now - lastStatusMs >= Self.statusIntervalMs {
                lastStatusMs = now
                countDisconnects(transport, replicator: replicator)
                publish(replicator, nowMs: now, ready: true, busEndpoint: boundEndpoint, lastPosition: lastPosition)
            } else if stored > 0 {
                publishStored(replicator, lastPosition: lastPosition)
            }
            if shared.withLock({ $0.stopping }) { break }
        }
        flushMetering(replicator, nowMs: .max)
        do {
            try store.checkpointWAL()
        } catch {
            logger.warning("could not merge the write-ahead log at shutdown", metadata: ["error": "\(error)"])
        }
        let abandoned = shared.withLock { state in
            defer { state.appends = [] }
            return state.appends
        }
        for append in abandoned {
            append.continuation.resume(throwing: BusError(.shutDown, "the node shut down before appending"))
        }
        shared.withLock { state in
            state.status.ready = false
            state.status.notReadyReason = "stopped"
            for waiter in state.waiters.values { waiter.resume() }
            state.waiters = [:]
        }
        logger.info("stopped", metadata: ["metrics.appended": "\(replicator.metrics.appended)"])
    }

    /// Appends every queued request in one transaction (group commit) and resumes the callers.
    private func performAppends(
        _ appends: [(drafts: [EventDraft], continuation: CheckedContinuation<[EventEnvelope], any Error>)],
        replicator: Replicator, nowMs: Int64
    ) -> Int {
        guard !appends.isEmpty else { return 0 }
        let timestampMs = Int64(Date().timeIntervalSince1970 * 1000)
        do {
            try refuseWhileStoreFull()
            let events = try replicator.append(appends.flatMap(\.drafts), timestampMs: timestampMs)
            var offset = 0
            for append in appends {
                append.continuation.resume(returning: Array(events[offset..<offset + append.drafts.count]))
                offset += append.drafts.count
            }
            return events.count
        } catch {
            logger.error("append failed", metadata: ["error": "\(error)"])
            for append in appends { append.continuation.resume(throwing: error) }
            return 0
        }
    }

    /// Drains the bus ROUTER (within a budget), decodes, and hands the messages to the replicator.
    private func receive(from router: Socket, replicator: Replicator, nowMs: Int64) -> Int {
        var inbox: [(peer: String, message: BusMessage)] = []
        var drained = false
        defer { replicator.inboxBacklogged = !drained }
        var events = 0
        for _ in 0..<Self.receiveBudget where events < Self.receiveEventBudget {
            let received: Message?
            do {
                received = try router.receive(dontWait: true)
            } catch {
                logger.error("bus receive failed", metadata: ["error": "\(error)"])
                break
            }
            guard let message = received else {
                drained = true
                break
            }
            replicator.metrics.messagesReceived += 1
            replicator.metrics.bytesReceived += UInt64(message.frames.dropFirst().reduce(0) { $0 + $1.count })
            var peer = Self.peerID(routingID: message.frames[0])
            // The department is the one whose key the connection authenticated with, never the claim.
            // A routing id that starts with 0x00 is one the ROUTER made (our peers' DEALERs set none
            // on a secure bus): it claims nothing. One that names another department is dropped.
            if isSecure, let user = message.userId {
                if user != peer && message.frames[0].first != 0 {
                    replicator.metrics.impersonations += 1
                    logger.warning(
                        "message claims another department than its key's; dropped",
                        metadata: ["peer.id": "\(user)", "claimed": "\(peer)"])
                    continue
                }
                peer = user
            } else if isSecure {
                replicator.rejectMalformed(from: peer, reason: "no authenticated user id")
                continue
            }
            if let large = message.frames.dropFirst().first(where: { $0.count > Self.maxFrameSize }) {
                replicator.metrics.oversized += 1
                logger.warning(
                    "frame over the protocol's 16 MiB dropped",
                    metadata: ["peer.id": "\(peer)", "frame.bytes": "\(large.count)"])
                continue
            }
            guard message.frames.count == 2 else {
                replicator.rejectMalformed(from: peer, reason: "\(message.frames.count - 1) frames instead of 1")
                continue
            }
            do {
                let decoded = try BusMessage(serializedBytes: message.frames[1])
                if case .batch(let batch) = decoded { events += batch.events.count }
                inbox.append((peer, decoded))
            } catch {
                replicator.rejectMalformed(from: peer, reason: "\(error)")
            }
        }
        return replicator.receive(inbox, nowMs: nowMs)
    }

    /// Counts and logs the connections to peers that were lost since the last loop turn.
    private func countDisconnects(_ transport: ZeroMQTransport, replicator: Replicator) {
        for (peer, isUp) in transport.takeConnectionChanges() {
            replicator.connectionChanged(peer, isUp: isUp)
            guard !isUp else { continue }
            replicator.metrics.disconnects += 1
            logger.info("connection to peer lost", metadata: ["peer.id": "\(peer)"])
        }
    }

    /// Adds the metering counted since the last flush to the store, at most once per heartbeat.
    private func flushMetering(_ replicator: Replicator, nowMs: Int64) {
        let due = shared.withLock { state -> Bool in
            guard nowMs == .max || nowMs - state.lastMeteringFlushMs >= configuration.replicatorSettings.heartbeatMs
            else { return false }
            state.lastMeteringFlushMs = nowMs
            return true
        }
        guard due else { return }
        do {
            try store.addMetering(replicator.takeMetering())
        } catch {
            logger.error("cannot store metering", metadata: ["error": "\(error)"])
        }
    }

    /// The department id a routing id claims, or its hex for ids that cannot be one (never a member).
    static func peerID(routingID: [UInt8]) -> String {
        let text = String(decoding: routingID, as: UTF8.self)
        if Membership.isValidDepartmentID(text) { return text }
        return "0x" + routingID.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Shares the heads, the counters and the last position after a turn that stored events, so
    /// a reader never sees heads newer than the counts that got there, and wakes subscribers;
    /// the per-peer status waits for the next ``publish``.
    func publishStored(_ replicator: Replicator, lastPosition: Int64) {
        let heads = replicator.heads.mapValues { NodeStatus.Head(seq: $0.seq, hash: $0.hash.hex) }
        let waiters = shared.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.status.heads = heads
            state.status.metrics = replicator.metrics
            state.status.metrics.authenticationsRefused = state.authenticationsRefused
            guard lastPosition > state.status.lastPosition else { return [] }
            state.status.lastPosition = lastPosition
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Shares the loop's view with the async API and wakes subscribers when something was stored.
    func publish(_ replicator: Replicator, nowMs: Int64, ready: Bool, busEndpoint: String, lastPosition: Int64) {
        let heads = replicator.heads.mapValues { NodeStatus.Head(seq: $0.seq, hash: $0.hash.hex) }
        let peers = replicator.peerStatuses(nowMs: nowMs)
        let notReady = notReadyReason(serving: ready, ownLog: replicator.ownLog)
        let waiters = shared.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.status.ready = notReady == nil
            state.status.storeWritable = store.writeFailure == nil
            state.status.notReadyReason = notReady
            state.status.ownLog = replicator.ownLog
            state.status.equivocatedOrigins = replicator.equivocatedOrigins.sorted()
            state.status.heads = heads
            state.status.peers = peers
            state.status.metrics = replicator.metrics
            state.status.metrics.authenticationsRefused = state.authenticationsRefused

            state.status.busEndpoint = busEndpoint
            guard lastPosition > state.status.lastPosition else { return [] }
            state.status.lastPosition = lastPosition
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
