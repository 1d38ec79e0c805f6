import Foundation
import SupervisionBus
import SupervisionProtocol
import ZeroMQ

#if canImport(Glibc)
    import Glibc
#endif

/// One durable fan-out run: `supervision-agent` processes, an origin and its subscribers.
struct DurableRun: Codable {
    /// Events per second from the `load` command until every subscriber's status showed the origin's head at N.
    var eventsPerSecond: Double
    var seconds: Double
    /// When the origin's own status showed its head at N (its append rate alone).
    var originSeconds: Double
    /// Events the subscribers stored from live pushes and from fetches (catch-up after a refused push).
    var liveEvents: UInt64
    var fetchedEvents: UInt64
    /// Pushes the origin could not queue (peer marked lagging, served by fetches).
    var originSendsRefused: UInt64
    /// Every subscriber holds the origin's log hash at N.
    var hashesMatch: Bool
    /// CPU time of all agent processes (origin and subscribers) during the run, per event:
    /// what the bus costs, whatever share of the cores other work left it.
    var cpuMicrosPerEvent: Double
    /// Bytes all agents wrote to storage during the run, per event.
    var diskBytesPerEvent: Double
}

/// One raw libzmq PUB/SUB fan-out run: 1 publisher process, the same number of subscriber processes.
struct RawRun: Codable {
    var eventsPerSecond: Double
    var seconds: Double
    /// Every subscriber got every message, complete and in order.
    var lossless: Bool
    /// CPU time of the publisher and subscriber processes (their whole life), per event.
    var cpuMicrosPerEvent: Double
}

struct FanoutResult: Codable {
    var events: Int
    var size: Int
    var subscribers: Int
    var durable: [DurableRun]
    var raw: [RawRun]
    var durableMedian: Double
    var rawMedian: Double
    var ratio: Double
    var durableCPUMicrosPerEvent: Double
    var rawCPUMicrosPerEvent: Double
    var durableDiskBytesPerEvent: Double
}

struct CatchupResult: Codable {
    var events: Int
    var size: Int
    /// The origin appending them with `load` rate 0 (while the late agent was down).
    var fillEventsPerSecond: Double
    var fillSeconds: Double
    /// From starting the late agent's process until its head equals the origin's (seq and hash).
    var catchupEventsPerSecond: Double
    var catchupSeconds: Double
    var fetchesSent: UInt64
    var fetchedEvents: UInt64
    /// CPU time of the late agent and of the origin serving it, per event.
    var catchupCPUMicrosPerEvent: Double
    /// Bytes the late agent wrote to storage, per event.
    var catchupDiskBytesPerEvent: Double
    /// EventStore.append of the same number of pre-built events (512 per batch, 16 batches per
    /// transaction), in this process, timing the store only.
    var storeInsertEventsPerSecond: Double
    var ratioToStoreInsert: Double
    var ratioToFill: Double
}

struct LatencyResult: Codable {
    var rate: Double
    var seconds: Double
    var size: Int
    var peers: Int
    /// One sample per event per peer: durable at the peer minus the start of the origin's append.
    var samples: Int
    var p50Ms: Double
    var p99Ms: Double
    var maxMs: Double
    /// Raw libzmq DEALER→ROUTER echo between two processes, round trip / 2, same size, same pacing.
    var rawSamples: Int
    var rawOneWayP50Ms: Double
    var rawOneWayP99Ms: Double
    var ratioP50: Double
    var ratioP99: Double
    /// The disk's floor: one 1 KiB append + fdatasync in the work directory, same pacing; an
    /// event pays at least two (durable at the origin, then at the peer).
    var fsyncP50Ms: Double
    var fsyncP99Ms: Double
}

struct Report: Codable {
    var cores: Int
    var loadAverageStart: Double
    var loadAverageEnd: Double
    var heartbeatMs: Int64
    var fanout: FanoutResult?
    var catchup: CatchupResult?
    var latency: LatencyResult?
    var security: SecurityResult?
}

/// The benchmarks, run from one plain thread.
struct Benchmarks {
    var workDirectory: String
    var agentPath: String
    var selfPath: String
    var heartbeatMs: Int64
    var pollMs: Int

    func progress(_ text: String) {
        FileHandle.standardError.write(Data("bus-bench: \(text)\n".utf8))
    }

    // MARK: Durable fan-out

    /// - Parameter insecure: agents without CURVE and ZAP (`insecureTransport`), for the cost of security.
    func durableFanout(events: Int, size: Int, subscribers: Int, insecure: Bool = false) throws -> DurableRun {
        let names = (1...subscribers).map { "sub\($0)" }
        let group = try AgentGroup(
            parent: workDirectory, departments: ["origin"] + names, agentPath: agentPath, heartbeatMs: heartbeatMs,
            insecureTransport: insecure)
        defer { group.shutdown() }
        try group.startAll()
        try group.waitConnected()
        let target = UInt64(events)
        let usageBefore = group.usage()
        let start = monotonicNanos()
        _ = try group.control("origin", ControlRequest(command: "load", total: target, rate: 0, size: size))
        var done: [String: Double] = [:]
        var originSeconds: Double?
        let timeout = max(120, Double(events) / 2000)
        while done.count < names.count || originSeconds == nil {
            let turn = monotonicNanos()
            guard secondsSince(start) < timeout else {
                throw BenchError("durable fan-out: not done after \(Int(timeout)) s; done: \(done.keys.sorted())")
            }
            if originSeconds == nil, let status = try? group.status("origin"), status.heads["origin"]?.seq == target {
                originSeconds = secondsSince(start)
            }
            for name in names where done[name] == nil {
                if let status = try? group.status(name), (status.heads["origin"]?.seq ?? 0) >= target {
                    done[name] = secondsSince(start)
                }
            }
            try group.checkAlive()
            let spentMs = Int((monotonicNanos() - turn) / 1_000_000)
            if spentMs < pollMs { sleepMs(pollMs - spentMs) }
        }
        let seconds = done.values.max()!
        let usageAfter = group.usage()
        let origin = try group.status("origin")
        let statuses = try names.map { try group.status($0) }
        return DurableRun(
            eventsPerSecond: Double(events) / seconds, seconds: seconds, originSeconds: originSeconds!,
            liveEvents: statuses.reduce(0) { $0 + $1.metrics.received },
            fetchedEvents: statuses.reduce(0) { $0 + $1.metrics.repaired },
            originSendsRefused: origin.metrics.sendsRefused,
            hashesMatch: statuses.allSatisfy { $0.heads["origin"] == origin.heads["origin"] },
            cpuMicrosPerEvent: (usageAfter.cpuSeconds - usageBefore.cpuSeconds) * 1e6 / Double(events),
            diskBytesPerEvent: Double(usageAfter.writeBytes - usageBefore.writeBytes) / Double(events))
    }

    /// - Parameter curve: CURVE-encrypted connections (server key pair made here, no ZAP).
    func rawFanout(events: Int, size: Int, subscribers: Int, curve: Bool = false) throws -> RawRun {
        let directory = try makeTemporaryDirectory(in: workDirectory, prefix: "raw-")
        let serverKeys = try curve ? CurveKeyPair.generate() : nil
        var pids: [pid_t] = []
        defer {
            for pid in pids { stopProcess(pid, graceMs: 1000) }
            Cleanup.shared.remove(directory: directory)
        }
        let endpoint = "tcp://127.0.0.1:\(try freePort())"
        for index in 0..<subscribers {
            pids.append(
                try spawn(
                    selfPath,
                    ["raw-sub", "--endpoint", endpoint, "--count", "\(events)"]
                        + (serverKeys.map { ["--curve-server-key", $0.publicKey.z85] } ?? []),
                    output: "\(directory)/sub\(index).out"))
        }
        pids.append(
            try spawn(
                selfPath,
                [
                    "raw-pub", "--endpoint", endpoint, "--count", "\(events)", "--size", "\(size)",
                    "--subscribers", "\(subscribers)",
                ] + (serverKeys.map { ["--curve-secret", $0.secretKey.z85] } ?? []), output: "\(directory)/pub.out"))
        var cpuSeconds = 0.0
        for pid in pids {
            guard let (status, cpu) = waitExitWithUsage(pid, timeoutMs: 120_000) else {
                throw BenchError("raw fan-out: a child did not finish in 120 s")
            }
            cpuSeconds += cpu
            guard exitedCleanly(status) else {
                let outputs = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                let text = outputs.map {
                    "\($0): " + ((try? String(contentsOfFile: "\(directory)/\($0)", encoding: .utf8)) ?? "")
                }
                throw BenchError("raw fan-out: a child failed (status \(status)):\n\(text.joined(separator: "\n"))")
            }
        }
        pids = []
        let publisher = keyValues(try String(contentsOfFile: "\(directory)/pub.out", encoding: .utf8))
        guard let start = publisher["start_ns"].flatMap(UInt64.init) else {
            throw BenchError("raw-pub printed no start_ns")
        }
        var end: UInt64 = 0
        var lossless = true
        for index in 0..<subscribers {
            let values = keyValues(try String(contentsOfFile: "\(directory)/sub\(index).out", encoding: .utf8))
            guard let subscriberEnd = values["end_ns"].flatMap(UInt64.init) else {
                throw BenchError("raw-sub printed no end_ns")
            }
            end = max(end, subscriberEnd)
            lossless = lossless && values["count"] == "\(events)" && values["in_order"] == "true"
        }
        let seconds = Double(end - start) / 1e9
        return RawRun(
            eventsPerSecond: Double(events) / seconds, seconds: seconds, lossless: lossless,
            cpuMicrosPerEvent: cpuSeconds * 1e6 / Double(events))
    }

    func fanout(events: Int, size: Int, subscribers: Int, repeats: Int) throws -> FanoutResult {
        var durable: [DurableRun] = []
        var raw: [RawRun] = []
        for index in 1...repeats {
            let rawRun = try rawFanout(events: events, size: size, subscribers: subscribers)
            raw.append(rawRun)
            progress("fan-out \(index)/\(repeats): raw PUB/SUB \(Format.count(rawRun.eventsPerSecond)) events/s")
            let run = try durableFanout(events: events, size: size, subscribers: subscribers)
            durable.append(run)
            progress(
                "fan-out \(index)/\(repeats): durable \(Format.count(run.eventsPerSecond)) events/s "
                    + "(origin alone \(Format.count(Double(events) / run.originSeconds))/s, fetched \(run.fetchedEvents))"
            )
        }
        let durableMedian = Stats.median(durable.map(\.eventsPerSecond))
        let rawMedian = Stats.median(raw.map(\.eventsPerSecond))
        return FanoutResult(
            events: events, size: size, subscribers: subscribers, durable: durable, raw: raw,
            durableMedian: durableMedian, rawMedian: rawMedian, ratio: durableMedian / rawMedian,
            durableCPUMicrosPerEvent: Stats.median(durable.map(\.cpuMicrosPerEvent)),
            rawCPUMicrosPerEvent: Stats.median(raw.map(\.cpuMicrosPerEvent)),
            durableDiskBytesPerEvent: Stats.median(durable.map(\.diskBytesPerEvent)))
    }

    // MARK: Catch-up

    func catchup(events: Int, size: Int) throws -> CatchupResult {
        let target = UInt64(events)
        var fillSeconds = 0.0
        var catchupSeconds = 0.0
        let late: NodeStatus
        var cpuSeconds = 0.0
        var lateWritten: UInt64 = 0
        do {
            let group = try AgentGroup(
                parent: workDirectory, departments: ["origin", "late"], agentPath: agentPath, heartbeatMs: heartbeatMs)
            defer { group.shutdown() }
            try group.start("origin")
            try group.waitFor("origin", "origin ready", timeoutSeconds: 30) { $0.ready }
            progress("catch-up: filling the origin with \(Format.count(Double(events))) events of \(size) B")
            let fillStart = monotonicNanos()
            _ = try group.control("origin", ControlRequest(command: "load", total: target, rate: 0, size: size))
            let origin = try group.waitFor(
                "origin", "the origin's fill", timeoutSeconds: max(300, Double(events) / 2000), pollMs: pollMs
            ) { $0.heads["origin"]?.seq == target }
            fillSeconds = secondsSince(fillStart)
            progress(
                "catch-up: origin filled at \(Format.count(Double(events) / fillSeconds)) events/s; starting the late agent"
            )
            let originBefore = group.usage(["origin"])
            let catchupStart = monotonicNanos()
            try group.start("late")
            late = try group.waitFor(
                "late", "the late agent's catch-up", timeoutSeconds: max(300, Double(events) / 2000), pollMs: pollMs
            ) { $0.heads["origin"] == origin.heads["origin"] }
            catchupSeconds = secondsSince(catchupStart)
            let lateUsage = group.usage(["late"])
            cpuSeconds = lateUsage.cpuSeconds + group.usage(["origin"]).cpuSeconds - originBefore.cpuSeconds
            lateWritten = lateUsage.writeBytes
            progress("catch-up: \(Format.count(Double(events) / catchupSeconds)) events/s")
        }
        let storeRate = try storeInsertRate(events: events, size: size)
        progress("catch-up baseline: store insert only \(Format.count(storeRate)) events/s")
        let catchupRate = Double(events) / catchupSeconds
        let fillRate = Double(events) / fillSeconds
        return CatchupResult(
            events: events, size: size, fillEventsPerSecond: fillRate, fillSeconds: fillSeconds,
            catchupEventsPerSecond: catchupRate, catchupSeconds: catchupSeconds,
            fetchesSent: late.metrics.fetchesSent, fetchedEvents: late.metrics.repaired,
            catchupCPUMicrosPerEvent: cpuSeconds * 1e6 / Double(events),
            catchupDiskBytesPerEvent: Double(lateWritten) / Double(events),
            storeInsertEventsPerSecond: storeRate, ratioToStoreInsert: catchupRate / storeRate,
            ratioToFill: catchupRate / fillRate)
    }

    /// The agent's own store (SQLite through GRDB, WAL, synchronous FULL) inserting pre-built,
    /// pre-signed events in this process: only `EventStore.append` is timed.
    func storeInsertRate(events: Int, size: Int) throws -> Double {
        let directory = try makeTemporaryDirectory(in: workDirectory, prefix: "store-")
        defer { Cleanup.shared.remove(directory: directory) }
        let store = try EventStore(path: "\(directory)/store.sqlite", department: "origin")
        let key = SigningKey()
        var head = LogHead.empty
        var storeNanos: UInt64 = 0
        let batchEvents = 512
        let batchesPerTransaction = 16
        var seq = 0
        let timestampMs = Int64(Date().timeIntervalSince1970 * 1000)
        while seq < events {
            var batches: [VerifiedBatch] = []
            for _ in 0..<batchesPerTransaction where seq < events {
                let count = min(batchEvents, events - seq)
                var batch: [EventEnvelope] = []
                var hashes: [Hash256] = []
                for _ in 0..<count {
                    seq += 1
                    var body = Array("test \(seq) ".utf8)
                    if body.count < size { body += [UInt8](repeating: UInt8(ascii: "x"), count: size - body.count) }
                    let event = EventEnvelope(
                        origin: "origin", seq: UInt64(seq), prevHash: head.hash, timestampMs: timestampMs, kind: .test,
                        payload: TestPayload(body: body).serializedBytes())
                    head = LogHead(seq: UInt64(seq), hash: event.computeHash())
                    batch.append(event)
                    hashes.append(head.hash)
                }
                let checkpoint = try key.signCheckpoint(origin: "origin", seq: head.seq, eventHash: head.hash)
                batches.append(VerifiedBatch(events: batch, hashes: hashes, checkpoint: checkpoint))
            }
            let start = monotonicNanos()
            try store.append(batches)
            storeNanos += monotonicNanos() - start
        }
        return Double(events) / (Double(storeNanos) / 1e9)
    }

    // MARK: Latency

    func latency(rate: Double, seconds: Double, size: Int, peers: Int) throws -> LatencyResult {
        let names = (1...peers).map { "peer\($0)" }
        var samplesMs: [Double] = []
        do {
            let group = try AgentGroup(
                parent: workDirectory, departments: ["origin"] + names, agentPath: agentPath, heartbeatMs: heartbeatMs)
            defer { group.shutdown() }
            try group.startAll()
            try group.waitConnected()
            // Warm up: the first events open every path (and the store files).
            let warmUp: UInt64 = 50
            _ = try group.control("origin", ControlRequest(command: "publish", size: size, count: Int(warmUp)))
            for name in names {
                try group.waitFor(name, "warm-up at \(name)", timeoutSeconds: 30) { $0.heads["origin"]?.seq == warmUp }
            }
            let total = warmUp + UInt64((rate * seconds).rounded())
            progress("latency: \(Format.count(rate)) events/s of \(size) B for \(Format.fixed(seconds, 0)) s")
            _ = try group.control("origin", ControlRequest(command: "load", total: total, rate: rate, size: size))
            for name in names {
                try group.waitFor(name, "latency events at \(name)", timeoutSeconds: seconds * 3 + 30, pollMs: 200) {
                    $0.heads["origin"]?.seq == total
                }
            }
            guard
                let appended = try group.control(
                    "origin", ControlRequest(command: "timings", origin: "origin", after: warmUp)
                ).timings
            else { throw BenchError("the origin sent no timings") }
            var appendedAt: [UInt64: Int64] = [:]
            for record in appended {
                for seq in record.firstSeq...record.lastSeq { appendedAt[seq] = record.atMicros }
            }
            for name in names {
                guard
                    let stored = try group.control(
                        name, ControlRequest(command: "timings", origin: "origin", after: warmUp)
                    ).timings
                else { throw BenchError("\(name) sent no timings") }
                for record in stored {
                    for seq in max(record.firstSeq, warmUp + 1)...record.lastSeq {
                        if let start = appendedAt[seq] { samplesMs.append(Double(record.atMicros - start) / 1000) }
                    }
                }
            }
        }
        guard !samplesMs.isEmpty else { throw BenchError("latency: no samples") }

        // Baseline: raw DEALER→ROUTER round trips between two processes, same size, same pacing.
        let directory = try makeTemporaryDirectory(in: workDirectory, prefix: "echo-")
        let endpoint = "tcp://127.0.0.1:\(try freePort())"
        let echo = try spawn(selfPath, ["raw-echo", "--endpoint", endpoint], output: "\(directory)/echo.out")
        defer {
            stopProcess(echo, graceMs: 1000)
            Cleanup.shared.remove(directory: directory)
        }
        let rawCount = min(1000, max(100, Int(rate * seconds)))
        let intervalUs = Int(1_000_000 / max(rate, 1))
        progress("latency baseline: \(rawCount) raw DEALER→ROUTER round trips")
        let roundTrips = try Raw.roundTrips(endpoint: endpoint, count: rawCount, size: size, intervalUs: intervalUs)
        let oneWayMs = roundTrips.map { $0 / 2 / 1000 }
        progress("latency baseline: \(rawCount) appends + fdatasync")
        let fsyncMs = try fsyncLatencies(count: rawCount, intervalUs: intervalUs, in: directory)
        let p50 = Stats.percentile(samplesMs, 50)
        let p99 = Stats.percentile(samplesMs, 99)
        let rawP50 = Stats.percentile(oneWayMs, 50)
        let rawP99 = Stats.percentile(oneWayMs, 99)
        return LatencyResult(
            rate: rate, seconds: seconds, size: size, peers: peers, samples: samplesMs.count, p50Ms: p50, p99Ms: p99,
            maxMs: samplesMs.max()!, rawSamples: oneWayMs.count, rawOneWayP50Ms: rawP50, rawOneWayP99Ms: rawP99,
            ratioP50: p50 / rawP50, ratioP99: p99 / rawP99, fsyncP50Ms: Stats.percentile(fsyncMs, 50),
            fsyncP99Ms: Stats.percentile(fsyncMs, 99))
    }

    /// Appends 1 KiB to a file and fdatasyncs it, `count` times, one every `intervalUs`; milliseconds each.
    func fsyncLatencies(count: Int, intervalUs: Int, in directory: String) throws -> [Double] {
        let path = "\(directory)/fsync-probe"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { throw BenchError("cannot create \(path)") }
        defer {
            close(fd)
            unlink(path)
        }
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1024)
        var samples: [Double] = []
        for _ in 0..<count {
            let start = monotonicNanos()
            guard write(fd, block, block.count) == block.count, fdatasync(fd) == 0 else {
                throw BenchError("write + fdatasync failed: \(String(cString: strerror(errno)))")
            }
            let elapsed = monotonicNanos() - start
            samples.append(Double(elapsed) / 1e6)
            let spentUs = Int(elapsed / 1000)
            if intervalUs > spentUs { usleep(UInt32(intervalUs - spentUs)) }
        }
        return samples
    }
}
