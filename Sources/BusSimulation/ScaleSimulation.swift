import Foundation
import Logging
import SupervisionBus
import SupervisionBusTesting
import SupervisionProtocol

/// Hundreds of agents in one process, each a real ``Replicator`` over a ``MemoryStore``, on a
/// ``SimNetwork`` without faults, in a flat or city-shaped membership: what the bus costs per
/// agent as N grows (issue 12, "Measured growth").
///
/// A run starts every agent, has each append one event and waits until every agent holds its
/// scope, lets them idle on heartbeats for ``ScaleConfiguration/idleSeconds`` simulated seconds
/// (measured), then has every agent append a burst at once and measures the simulated time
/// until every agent holds every log of its scope to its origin's head. It ends with the
/// checks: each agent holds exactly the logs of its scope, the same record as the origin's,
/// with every acknowledged event.
public final class ScaleSimulation {
    /// The run's configuration.
    public let configuration: ScaleConfiguration
    /// Called with a line of progress every few simulated seconds (e.g. to print on stderr).
    public var progress: ((String) -> Void)?

    private struct Agent {
        let id: String
        let store: MemoryStore
        let replicator: Replicator
        /// The origins whose logs it holds, itself included.
        let scope: [String]
    }

    /// Simulated milliseconds per step: every agent receives what is due, then ticks.
    static let stepMs: Int64 = 10

    private let topology: Topology
    private let network: SimNetwork
    private var agents: [Agent] = []
    private var nowMs: Int64 = 0
    /// Acknowledged appends: origin → seq → hash.
    private var acknowledged: [String: [UInt64: Hash256]] = [:]
    private let payload: [UInt8]
    private let started = Date()

    /// Prepares the agents (keys from the seed, membership of the shape), not yet started.
    public init(_ configuration: ScaleConfiguration) throws {
        precondition((2...5000).contains(configuration.agents), "2 to 5,000 agents")
        self.configuration = configuration
        let shape: CityShape =
            configuration.shape == .flat ? .flat(configuration.agents) : .city(configuration.agents)
        let membership = shape.membership()
        topology = Topology(membership)
        var random = SimRandom(seed: configuration.seed)
        network = SimNetwork(random: SimRandom(seed: configuration.seed ^ 0x5ca1e))
        network.maxDelayMs = 2
        network.measuresBytes = true
        network.capacity = 1024
        payload = (0..<configuration.payloadBytes).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var keys: [String: SigningKey] = [:]
        for id in shape.ids { keys[id] = try SigningKey(seed: random.bytes(32)) }
        let verifier = try CheckpointVerifier(publicKeys: keys.mapValues { [0: $0.publicKey] })
        let policy = DeliveryPolicy(membership: membership, categorize: { _ in nil })
        var settings = ReplicatorSettings()
        settings.heartbeatMs = configuration.heartbeatMs
        let logger = Logger(label: "sim.scale") { _ in SwiftLogNoOpLogHandler() }
        for id in shape.ids {
            let store = MemoryStore()
            let replicator = try Replicator(
                department: id, store: store, signingKey: keys[id]!, peers: topology.peers(of: id), verifier: verifier,
                policy: policy, topology: topology, transport: network.transport(for: id), settings: settings,
                logger: logger)
            agents.append(Agent(id: id, store: store, replicator: replicator, scope: topology.scope(of: id)))
        }
        network.now = { [unowned self] in self.nowMs }
    }

    // MARK: Running

    /// Runs start-up, the idle phase and the burst, and checks the invariants.
    public func run() throws -> ScaleReport {
        let cpuAtStart = Self.cpuSeconds()
        var violations: [String] = []
        let limit = Int64(configuration.maxConvergenceSeconds) * 1000

        // Start-up: every agent recovers its own log (hears from the peers that hold it).
        let startedUp = runUntil(limit: limit, phase: "start-up") {
            $0.replicator.ownLog == .recovered
        }
        if !startedUp { violations.append("start-up: some agent's own log was not recovered in \(limit) ms") }

        // One event per agent, so the stores are not empty while idle.
        appendEverywhere(1)
        if runUntilConverged(limit: limit, phase: "first events") == nil {
            violations.append("first events: not converged in \(limit) ms")
        }
        // Two heartbeats for the last deltas, then the idle phase.
        runSteps(Int(2 * configuration.heartbeatMs / Self.stepMs), phase: nil)
        let idleBefore = counters()
        let idleCPUBefore = Self.cpuSeconds()
        runSteps(configuration.idleSeconds * 1000 / Int(Self.stepMs), phase: "idle")
        let idleCPU = Self.cpuSeconds() - idleCPUBefore
        let idle = counters() - idleBefore

        // The burst: every agent appends at once.
        let storedBefore = agents.reduce(0) { $0 + $1.store.eventCount }
        let burstBefore = counters()
        appendEverywhere(configuration.burstEvents)
        let converged = runUntilConverged(limit: limit, phase: "burst")
        if converged == nil { violations.append("burst: not converged in \(limit) ms") }
        let burst = counters() - burstBefore
        let burstEvents = configuration.burstEvents * agents.count
        let stored = agents.reduce(0) { $0 + $1.store.eventCount } - storedBefore

        violations += checks()
        let n = Double(agents.count)
        let seconds = Double(configuration.idleSeconds)
        let holders = Dictionary(grouping: agents.flatMap(\.scope), by: { $0 }).mapValues(\.count)
        return ScaleReport(
            configuration: configuration,
            peersMean: Double(agents.reduce(0) { $0 + topology.peers(of: $1.id).count }) / n,
            peersMax: agents.map { topology.peers(of: $0.id).count }.max() ?? 0,
            scopeMean: Double(agents.reduce(0) { $0 + $1.scope.count }) / n,
            scopeMax: agents.map(\.scope.count).max() ?? 0,
            idleMessagesPerAgentSecond: Double(idle.messages) / n / seconds,
            idleMessagesBusiestAgentSecond: Double(idle.busiest) / seconds,
            idleBytesPerAgentSecond: Double(idle.bytes) / n / seconds,
            idleHeadEntriesPerAgentSecond: Double(idle.headEntries) / n / seconds,
            idleCPUMicrosPerAgentSecond: idleCPU * 1e6 / n / seconds, burstEvents: burstEvents,
            storesPerEvent: Double(stored) / Double(max(1, burstEvents)),
            storesPerEventByTopology: Double(agents.reduce(0) { $0 + (holders[$1.id] ?? 0) }) / n,
            burstMessagesPerEvent: Double(burst.messages) / Double(max(1, burstEvents)), burstConvergedMs: converged,
            repaired: agents.reduce(0) { $0 + Int($1.replicator.metrics.repaired) },
            livenessChanges: agents.reduce(0) {
                let metrics = $1.replicator.metrics
                return $0 + Int(metrics.peersEvasive + metrics.peersSilent + metrics.peersExpired)
            },
            wallSeconds: Date().timeIntervalSince(started), cpuSeconds: Self.cpuSeconds() - cpuAtStart,
            simulatedSeconds: Double(nowMs) / 1000, violations: violations)
    }

    /// One step: every agent takes what is due for it, then ticks.
    private func step() {
        nowMs += Self.stepMs
        for agent in agents {
            let inbox = network.deliver(to: agent.id)
            if !inbox.isEmpty { agent.replicator.receive(inbox, nowMs: nowMs) }
            agent.replicator.tick(nowMs: nowMs)
        }
    }

    private func runSteps(_ count: Int, phase: String?) {
        let startMs = nowMs
        for index in 0..<count {
            step()
            if let phase, (index + 1) % 500 == 0 { report(phase, sinceMs: startMs) }
        }
    }

    /// Steps until every agent satisfies `done` (checked again only for those that did not
    /// yet), or `limit` simulated ms; whether they all did.
    private func runUntil(limit: Int64, phase: String, _ done: (Agent) -> Bool) -> Bool {
        let startMs = nowMs
        var pending = agents.indices.filter { !done(agents[$0]) }
        while !pending.isEmpty && nowMs - startMs < limit {
            step()
            pending.removeAll { done(agents[$0]) }
            if (nowMs - startMs) % 5000 == 0 { report(phase, sinceMs: startMs, pending: pending.count) }
        }
        return pending.isEmpty
    }

    /// Steps until every agent holds every log of its scope to its origin's head; the
    /// simulated ms it took, or `nil` past `limit`.
    private func runUntilConverged(limit: Int64, phase: String) -> Int64? {
        let startMs = nowMs
        let targets = Dictionary(uniqueKeysWithValues: agents.map { ($0.id, $0.replicator.heads[$0.id]?.seq ?? 0) })
        let converged = runUntil(limit: limit, phase: phase) { agent in
            agent.scope.allSatisfy { (agent.replicator.heads[$0]?.seq ?? 0) >= targets[$0]! }
        }
        return converged ? nowMs - startMs : nil
    }

    private func appendEverywhere(_ count: Int) {
        let drafts = Array(repeating: EventDraft(kind: .test, payload: payload), count: count)
        for agent in agents {
            guard let events = try? agent.replicator.append(drafts, timestampMs: nowMs) else { continue }
            for event in events { acknowledged[event.origin, default: [:]][event.seq] = event.computeHash() }
        }
    }

    private func report(_ phase: String, sinceMs: Int64, pending: Int? = nil) {
        guard let progress else { return }
        let wall = String(format: "%.1f", Date().timeIntervalSince(started))
        progress(
            "bus-sim scale: \(agents.count) \(configuration.shape.rawValue) agents, \(phase) \((nowMs - sinceMs) / 1000) simulated s"
                + (pending.map { ", \($0) agents not there yet" } ?? "") + ", wall \(wall) s")
    }

    // MARK: Counting

    private struct Counters {
        var messages = 0
        var bytes = 0
        var headEntries = 0
        var busiest = 0
        var sentBy: [String: Int] = [:]

        static func - (a: Counters, b: Counters) -> Counters {
            let by = a.sentBy.mapValues { $0 }.merging(b.sentBy.mapValues { -$0 }, uniquingKeysWith: +)
            return Counters(
                messages: a.messages - b.messages, bytes: a.bytes - b.bytes, headEntries: a.headEntries - b.headEntries,
                busiest: by.values.max() ?? 0, sentBy: by)
        }
    }

    private func counters() -> Counters {
        Counters(
            messages: network.counts.sent, bytes: network.bytesSent,
            headEntries: agents.reduce(0) { $0 + Int($1.replicator.metrics.headEntriesSent) },
            sentBy: network.sentBy)
    }

    /// The process's CPU time (user and system, all threads), in seconds.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    // MARK: Checks

    /// Same record everywhere within scope, nothing outside it, nothing acknowledged lost.
    private func checks() -> [String] {
        var violations: [String] = []
        func fail(_ text: String) { if violations.count < 20 { violations.append(text) } }
        let heads = Dictionary(uniqueKeysWithValues: agents.map { ($0.id, $0.replicator.heads[$0.id]) })
        for agent in agents {
            let scope = Set(agent.scope)
            for origin in agent.store.logSizes.keys where !scope.contains(origin) {
                fail("\(agent.id) holds \(origin)'s log, outside its scope")
            }
            for origin in agent.scope {
                if agent.replicator.heads[origin] != heads[origin]! {
                    fail(
                        "\(agent.id) holds \(origin) to \(agent.replicator.heads[origin]?.seq ?? 0), its origin to \(heads[origin]!?.seq ?? 0)"
                    )
                }
                for (seq, hash) in acknowledged[origin] ?? [:]
                where (try? agent.store.hash(origin: origin, seq: seq)) != hash {
                    fail("\(agent.id) lacks acknowledged \(origin)#\(seq) or holds it with another hash")
                    break
                }
            }
        }
        return violations
    }
}
