import Foundation
import Logging
import SupervisionProtocol
import Synchronization
import ZeroMQ

/// The control endpoint runs on its own thread, which owns the control ROUTER, so that it
/// answers while the I/O thread is busy with the bus: `status` and `membership` from the
/// snapshot the I/O thread shares, `membership.push` by verifying the document and handing it
/// over; delegated commands go to ``BusNode/delegatedRequests``; the commands that need the
/// replicator (``ioCommands``) go to the I/O thread through the shared queue and its wake-up
/// pipe, and their replies come back the same way.
extension BusNode {
    /// The control commands the node answers itself.
    static let ownCommands = [
        "status", "publish", "load", "timings", "metering", "membership", "membership.push", "recovery", "evidence",
        "backup",
    ]
    /// Those of them that the I/O thread answers (they need the replicator or the store's writes).
    static let ioCommands: Set<String> = ["publish", "load", "timings", "metering", "recovery", "evidence"]
    /// The commands that append synthetic events, answered only with ``NodeConfiguration/testCommands``.
    static let testCommands: Set<String> = ["publish", "load"]

    /// Binds the control ROUTER: `ipc://` with an owner-only socket file, or loopback `tcp://`.
    func bindControl(_ control: Socket, endpoint: String) throws {
        do {
            try bindControlSocket(control, endpoint: endpoint)
        } catch let error as ZMQError {
            throw BusError(.transport, "cannot listen on the control endpoint \(endpoint): \(error)")
        }
    }

    private func bindControlSocket(_ control: Socket, endpoint: String) throws {
        if endpoint.hasPrefix("ipc://") {
            let path = String(endpoint.dropFirst("ipc://".count))
            try? FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: path)
            try control.bind(endpoint)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } else if endpoint.hasPrefix("tcp://127.0.0.1:") || endpoint.hasPrefix("tcp://[::1]:") {
            try control.bind(endpoint)
        } else {
            throw BusError(
                .invalidConfiguration,
                "control endpoint \(endpoint) must be ipc:// or loopback tcp:// (it carries no authentication)")
        }
    }

    /// Starts the control thread; it owns `control` (bound, and never touched by the caller
    /// again) until the node stops or the context is terminated, then closes it.
    func startControlThread(_ control: sending Socket) -> ZMQThread<Void> {
        ZMQThread(name: "control-\(configuration.department)") { [self] in
            defer { control.close() }
            var poller = Poller()
            let controlItem = poller.add(control, events: .readable)
            let wakeItem = poller.add(fileDescriptor: controlWake.readDescriptor, events: .readable)
            while !shared.withLock({ $0.stopping }) {
                guard let ready = try? poller.poll(timeoutMilliseconds: -1) else { return }  // context terminated
                if ready[wakeItem].contains(.readable) { controlWake.drain() }
                if ready[controlItem].contains(.readable) { serveControl(control) }
                sendControlReplies(control)
            }
        }
    }

    /// Takes every pending request (frames: identity, empty delimiter, JSON) and answers it or
    /// hands it on. A request with a ``ControlRequest/requestId`` seen before gets the earlier
    /// reply (see ``RecentReplies``); one still running gets the reply when it is done.
    private func serveControl(_ control: Socket) {
        while let request = try? control.receive(dontWait: true) {
            guard request.frames.count == 3, request.frames[1].isEmpty else {
                logger.warning("malformed control request", metadata: ["frames": "\(request.frames.count)"])
                continue
            }
            let client = request.frames[0]
            let decoded: ControlRequest
            do {
                decoded = try JSONDecoder().decode(ControlRequest.self, from: Data(request.frames[2]))
            } catch {
                send(ControlReply(ok: false, error: "malformed request: \(error)"), to: [client], on: control)
                continue
            }
            if let id = decoded.requestId, id.count > RecentReplies.maxIDLength {
                let error = "requestId is \(id.count) characters long; at most \(RecentReplies.maxIDLength) allowed"
                send(ControlReply(ok: false, error: error), to: [client], on: control)
                continue
            }
            switch shared.withLock({ $0.recentReplies.begin(decoded, client: client) }) {
            case .run: break
            case .wait: continue
            case .replay(let body):
                logger.info(
                    "repeated control request answered from memory",
                    metadata: ["request.id": "\(decoded.requestId ?? "")"])
                _ = try? control.send([client, [], body], dontWait: true)
                continue
            case .conflict:
                let error = "requestId \(decoded.requestId ?? "") was already used for another request; choose a new id"
                send(ControlReply(ok: false, error: error), to: [client], on: control)
                continue
            }
            if delegatedCommands.contains(decoded.command) {
                delegate(decoded, identity: client)
                continue
            }
            if Self.ioCommands.contains(decoded.command) {
                shared.withLock { $0.ioControlRequests.append((client, decoded)) }
                wakePipe.wake()
                continue
            }
            let reply: ControlReply
            do {
                reply = try handleOnControlThread(decoded)
            } catch {
                reply = ControlReply(ok: false, error: "\(error)", errorCode: (error as? BusError)?.code.rawValue)
            }
            send(reply, to: finish(decoded, client: client, reply: reply), on: control)
        }
    }

    /// The clients to send `reply` to: the one that asked, and those that repeated its request id
    /// meanwhile (the reply is remembered for later repeats).
    private func finish(_ request: ControlRequest, client: [UInt8], reply: ControlReply) -> [[UInt8]] {
        guard request.requestId != nil else { return [client] }
        return shared.withLock { $0.recentReplies.finish(request, ok: reply.ok, body: Self.encode(reply)) }
    }

    private func send(_ reply: ControlReply, to clients: [[UInt8]], on control: Socket) {
        let body = Self.encode(reply)
        for client in clients { _ = try? control.send([client, [], body], dontWait: true) }
    }

    static func encode(_ reply: ControlReply) -> [UInt8] {
        (try? JSONEncoder().encode(reply)).map { Array($0) } ?? Array(#"{"ok":false}"#.utf8)
    }

    /// Hands a request to ``delegatedRequests``; the reply comes back through ``reply(to:with:)``.
    private func delegate(_ request: ControlRequest, identity: [UInt8]) {
        let id = shared.withLock { state -> UInt64 in
            state.nextDelegated += 1
            state.delegated[state.nextDelegated] = (identity, request)
            return state.nextDelegated
        }
        if case .terminated = delegatedContinuation.yield(DelegatedControlRequest(id: id, request: request)) {
            reply(to: id, with: ControlReply(ok: false, error: "the agent is shutting down"))
        }
    }

    /// Sends the replies that are ready (delegated requests, and those the I/O thread answered).
    private func sendControlReplies(_ control: Socket) {
        let replies = shared.withLock { state in
            defer { state.controlReplies = [] }
            return state.controlReplies
        }
        for reply in replies { _ = try? control.send([reply.identity, [], reply.body], dontWait: true) }
    }

    /// On the I/O thread: answers the requests the control thread handed over.
    func serveIOControl(replicator: Replicator, load: inout TestLoad, nowMs: Int64) {
        let requests = shared.withLock { state in
            defer { state.ioControlRequests = [] }
            return state.ioControlRequests
        }
        guard !requests.isEmpty else { return }
        var replies: [(identity: [UInt8], body: [UInt8])] = []
        for request in requests {
            let reply: ControlReply
            do {
                reply = try handleOnIOThread(request.request, replicator: replicator, load: &load, nowMs: nowMs)
            } catch {
                reply = ControlReply(ok: false, error: "\(error)", errorCode: (error as? BusError)?.code.rawValue)
            }
            let body = Self.encode(reply)
            for client in finish(request.request, client: request.identity, reply: reply) {
                replies.append((client, body))
            }
        }
        shared.withLock { $0.controlReplies += replies }
        controlWake.wake()
    }

    private func refreshStatus(_ replicator: Replicator, nowMs: Int64) {
        let current = status
        publish(
            replicator, nowMs: nowMs, ready: current.ready, busEndpoint: current.busEndpoint,
            lastPosition: (try? store.lastPosition()) ?? current.lastPosition)
    }

    /// The refusal of a `publish` outside the bounds of ``ControlRequest``, or nil.
    static func refusePublish(count: Int, size: Int) -> ControlReply? {
        if let refusal = refusePayload(size: size) { return refusal }
        guard (1...ControlRequest.maxPublishCount).contains(count) else {
            return ControlReply(ok: false, error: "count must be 1…\(ControlRequest.maxPublishCount), got \(count)")
        }
        guard count * size <= ControlRequest.maxPublishBytes else {
            return ControlReply(
                ok: false,
                error:
                    "count × size is \(count * size) bytes; at most \(ControlRequest.maxPublishBytes) per publish (send several)"
            )
        }
        return nil
    }

    /// The refusal of a `load` outside the bounds of ``ControlRequest``, or nil.
    static func refuseLoad(total: UInt64, current: UInt64, rate: Double, size: Int) -> ControlReply? {
        if let refusal = refusePayload(size: size) { return refusal }
        guard rate.isFinite, rate >= 0, rate <= ControlRequest.maxLoadRate else {
            return ControlReply(
                ok: false, error: "rate must be 0…\(Int(ControlRequest.maxLoadRate)) events per second, got \(rate)")
        }
        guard total <= current || total - current <= ControlRequest.maxLoadEvents else {
            return ControlReply(
                ok: false,
                error:
                    "total \(total) is \(total - current) events beyond the head (\(current)); at most \(ControlRequest.maxLoadEvents)"
            )
        }
        return nil
    }

    private static func refusePayload(size: Int) -> ControlReply? {
        guard (0...ControlRequest.maxPayloadBytes).contains(size) else {
            return ControlReply(ok: false, error: "size must be 0…\(ControlRequest.maxPayloadBytes) bytes, got \(size)")
        }
        return nil
    }

    private func handleOnControlThread(_ request: ControlRequest) throws -> ControlReply {
        switch request.command {
        case "backup":
            guard let path = request.arguments?["path"], path.hasPrefix("/") else {
                return ControlReply(ok: false, error: "backup needs an absolute path in arguments.path")
            }
            try store.backup(to: path)
            logger.info("store backed up", metadata: ["path": "\(path)"])
            return ControlReply(ok: true, status: status)
        case "status":
            // `arguments.peers` "none": without the per-peer part (peers × origins), for pollers.
            guard request.arguments?["peers"] == "none" else { return ControlReply(ok: true, status: status) }
            var brief = status
            brief.peers = []
            return ControlReply(ok: true, status: brief)
        case "membership":
            let signed = shared.withLock { $0.membership.signed }
            return ControlReply(ok: true, body: String(decoding: signed.serialized(), as: UTF8.self))
        case "membership.push":
            guard let text = request.arguments?["document"] else {
                return ControlReply(ok: false, error: "membership.push needs the signed document in arguments.document")
            }
            let signed = try SignedMembership.parse(Array(text.utf8))
            let offered = try signed.verify(anchor: anchor)
            guard offered.version > membership.version else {
                return ControlReply(
                    ok: false,
                    error: "version \(offered.version) is not newer than version \(membership.version) in force")
            }
            pushMembership(signed)
            return ControlReply(ok: true, status: status)
        default:
            return ControlReply(
                ok: false,
                error:
                    "unknown command \(request.command); known: \((Self.ownCommands + delegatedCommands.sorted()).joined(separator: ", "))"
            )
        }
    }

    private func handleOnIOThread(
        _ request: ControlRequest, replicator: Replicator, load: inout TestLoad, nowMs: Int64
    ) throws -> ControlReply {
        if Self.testCommands.contains(request.command) && configuration.testCommands != true {
            return ControlReply(
                ok: false,
                error:
                    "\(request.command) appends synthetic test events and is off: set \"testCommands\": true in the agent's configuration (tests and benchmarks only)",
                errorCode: BusError.Code.invalidConfiguration.rawValue)
        }
        switch request.command {
        case "publish":
            let count = request.count ?? 1
            let size = request.size ?? 0
            if let refusal = Self.refusePublish(count: count, size: size) { return refusal }
            try refuseWhileStoreFull()
            var oneShot = TestLoad()
            let seq = replicator.heads[configuration.department]?.seq ?? 0
            oneShot.start(total: seq + UInt64(count), rate: 0, size: size, nowMs: nowMs, currentSeq: seq)
            do {
                while oneShot.isActive { _ = try oneShot.step(replicator: replicator, nowMs: nowMs) }
            } catch {
                refreshStatus(replicator, nowMs: nowMs)
                let appended = (replicator.heads[configuration.department]?.seq ?? 0) - seq
                return ControlReply(
                    ok: false, error: "appended \(appended) of \(count) test events, then: \(error)", status: status,
                    errorCode: (error as? BusError)?.code.rawValue)
            }
            refreshStatus(replicator, nowMs: nowMs)
            return ControlReply(ok: true, status: status)
        case "load":
            guard let total = request.total else { return ControlReply(ok: false, error: "load needs total") }
            let current = replicator.heads[configuration.department]?.seq ?? 0
            let rate = request.rate ?? 0
            let size = request.size ?? 0
            if let refusal = Self.refuseLoad(total: total, current: current, rate: rate, size: size) {
                return refusal
            }
            try refuseWhileStoreFull()
            load.start(total: total, rate: rate, size: size, nowMs: nowMs, currentSeq: current)
            logger.info("test load started", metadata: ["total": "\(total)", "rate": "\(request.rate ?? 0)"])
            return ControlReply(ok: true, status: status)
        case "timings":
            guard let origin = request.origin else { return ControlReply(ok: false, error: "timings needs origin") }
            return ControlReply(ok: true, timings: replicator.timings(origin: origin, after: request.after ?? 0))
        case "recovery":
            if request.arguments?["override"] == "true" { replicator.overrideRecovery() }
            refreshStatus(replicator, nowMs: nowMs)
            return ControlReply(ok: true, status: status)
        case "evidence":
            let evidence = try replicator.store.equivocations().map(EquivocationRecord.init)
            return ControlReply(ok: true, body: String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self))
        default:  // "metering"
            try store.addMetering(replicator.takeMetering())
            return ControlReply(
                ok: true, body: String(decoding: try JSONEncoder().encode(store.metering()), as: UTF8.self))
        }
    }
}
