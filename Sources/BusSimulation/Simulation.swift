import Crypto
import Foundation
import SupervisionBus
import SupervisionProtocol

/// A whole bus in one process, on a simulated network, disk and clock, driven by one seed:
/// a workload of appends by every department, faults of every kind, then healing and the
/// invariant checks (in the manner of FoundationDB's simulation and TigerBeetle's VOPR).
///
/// Deterministic: the same configuration gives the same run, step by step (``SimReport/digest``).
public final class Simulation {
    /// The run's configuration.
    public let configuration: SimConfiguration
    var random: SimRandom
    let directory: URL
    var nowMs: Int64 = 0
    var step = 0
    let network: SimNetwork
    var nodes: [SimNode] = []
    /// Departments removed from the membership: their history stays verifiable.
    var removed: [SimNode] = []
    var departments: [String] { nodes.map(\.department) }
    var rights: [String: Set<String>] = [:]
    /// The data rights a node can have (categories of findings and referrals).
    var rightsProfiles: [Set<String>] = []
    var membershipVersion = 1
    var settings = ReplicatorSettings()
    /// Acknowledged appends: origin → seq → hash, the first acknowledged at each seq.
    var acknowledged: [String: [UInt64: Hash256]] = [:]
    /// Payloads of acknowledged appends (to check entitlement).
    var payloads: [String: [UInt64: EventEnvelope]] = [:]
    /// Acknowledged appends lost with the only store that held them: origin → seqs.
    var lostWithStore: [String: Set<UInt64>] = [:]
    /// Seqs signed twice (origin → seq → the other hash), and whether a twin was live then.
    var forks: [(origin: String, seq: UInt64, twinLive: Bool)] = []
    /// The twin: a second process with a node's keys on a copy of its store, and until when.
    var twin: (node: SimNode, until: Int)?
    /// Origins a twin ever ran for.
    var twinned: Set<String> = []
    /// Actions scheduled for later steps.
    var scheduled: [(step: Int, action: () -> Void)] = []
    var faults: [SimFault: Int] = [:]
    var refusedAppends = 0
    var lostEvents = 0
    var trace = SHA256()
    var workload: SimWorkload
    /// Whether faults are printed as they strike (`SIM_LOG=1`, with every node's log).
    static let verbose = ProcessInfo.processInfo.environment["SIM_LOG"] == "1"

    /// Prepares a run (nodes, keys, rights and network from the seed) in a fresh directory.
    public init(_ configuration: SimConfiguration) throws {
        precondition((2...32).contains(configuration.nodes), "2 to 32 nodes")
        self.configuration = configuration
        random = SimRandom(seed: configuration.seed)
        workload = try SimWorkload()
        // The simulated disk: memory (tmpfs) where there is one, so fsync costs nothing.
        let base =
            FileManager.default.isWritableFile(atPath: "/dev/shm")
            ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        directory = base.appendingPathComponent(
            "bus-sim-\(configuration.seed)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        network = SimNetwork(random: SimRandom(seed: configuration.seed ^ 0x5eed))
        settings.heartbeatMs = 100
        settings.fetchTimeoutMs = 400
        settings.maxBatchEvents = 16
        settings.fetchWindowEvents = 256
        settings.reorderBufferEvents = 256
        network.loss = random.chance(0.5) ? Double(random.int(0...50)) / 1000 : 0
        network.duplication = random.chance(0.5) ? Double(random.int(0...30)) / 1000 : 0
        network.maxDelayMs = random.int(0...40)
        if network.loss > 0 { faults[.loss] = 1 }
        if network.duplication > 0 { faults[.duplication] = 1 }
        if network.maxDelayMs > 10 { faults[.delay] = 1 }
        var skewed = false
        // Rights from three profiles (every category, or one of two halves), so that nodes
        // with the same rights, whose folds must agree, are common.
        let half = Set(workload.categories.filter { _ in random.chance(0.5) })
        rightsProfiles = [Set(workload.categories), half, Set(workload.categories).subtracting(half)]
        for _ in 0..<configuration.nodes {
            let node = try makeNode()
            skewed = skewed || node.clockRate != 1
            nodes.append(node)
        }
        if skewed { faults[.clockSkew] = 1 }
        network.now = { [unowned self] in self.nowMs }
        for node in nodes { try start(node) }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A new department with its keys, clock and rights drawn from the seed.
    private func makeNode() throws -> SimNode {
        let department = String(format: "d%02d", nodes.count + removed.count)
        let rate = random.chance(0.5) ? 1 + Double(random.int(-50...50)) / 1000 : 1
        let node = SimNode(
            department: department, key: try SigningKey(seed: random.bytes(32)),
            path: directory.appendingPathComponent("\(department).sqlite").path, clockRate: rate,
            clockOffsetMs: Int64(random.int(0...100_000)))
        rights[department] = random.pick(rightsProfiles)
        return node
    }

    // MARK: Membership

    var membership: Membership {
        Membership(
            version: membershipVersion, issuedAt: Date(timeIntervalSince1970: 1_800_000_000),
            expiresAt: Date(timeIntervalSince1970: 1_900_000_000),
            departments: nodes.map { node in
                Membership.Member(
                    id: node.department, busEndpoint: "sim://\(node.department)", curveKey: "",
                    signingKeys: ["0": Data(node.key.publicKey).base64EncodedString()],
                    receives: DataRights(kinds: Self.kinds, categories: rights[node.department]!.sorted()))
            })
    }

    /// Every member's keys, and those of members removed (as agents keep every version's keys).
    var verifier: CheckpointVerifier {
        get throws {
            try CheckpointVerifier(
                publicKeys: Dictionary(
                    uniqueKeysWithValues: (nodes + removed).map { ($0.department, [0: $0.key.publicKey]) }))
        }
    }

    var policy: DeliveryPolicy { DeliveryPolicy(membership: membership, categorize: workload.categorize) }

    /// The kinds every member may receive (findings and referrals by category).
    static let kinds = [EventKind.test, .finding, .referral, .referralAck, .outcome, .intent, .draw].map(\.rawValue)

    func start(_ node: SimNode, transportAs department: String? = nil) throws {
        guard !removed.contains(where: { $0 === node }) else { return }
        network.down.remove(node.department)
        try node.start(
            peers: departments, verifier: verifier, policy: policy,
            transport: network.transport(for: department ?? node.department), settings: settings)
    }

    func crash(_ node: SimNode) {
        node.crash()
        network.down.insert(node.department)
        network.drop(node.department)
    }

    // MARK: Running

    /// Runs the workload with faults, heals, and checks every invariant.
    public func run() throws -> SimReport {
        while step < configuration.steps {
            step += 1
            nowMs += 10
            runScheduled()
            injectFault()
            appendSome()
            deliverAndTick()
        }
        heal()
        var healed = 0
        var quietSince: Int?
        while healed < configuration.healSteps {
            healed += 1
            step += 1
            nowMs += 10
            runScheduled()
            deliverAndTick()
            if quietSince == nil && healed % 50 == 0 && isQuiet() { quietSince = healed }
            // Once quiet, a little longer: refills of withheld payloads and the last HEADs.
            if let quietSince, healed - quietSince >= 200 { break }
        }
        var checks = SimChecks(simulation: self)
        let violations = try checks.run()
        for node in nodes {
            trace.update(data: Array(node.department.utf8))
            for (origin, head) in (node.replicator?.heads ?? [:]).sorted(by: { $0.key < $1.key }) {
                trace.update(data: Array("\(origin):\(head.seq):\(head.hash.hex)".utf8))
            }
        }
        return SimReport(
            seed: configuration.seed, nodes: configuration.nodes, steps: configuration.steps, healSteps: healed,
            faults: faults, appended: acknowledged.values.reduce(0) { $0 + $1.count }, refusedAppends: refusedAppends,
            lostWithStore: lostEvents,
            messages: network.counts.sent, violations: violations,
            digest: trace.finalize().map { String(format: "%02x", $0) }.joined())
    }

    private func runScheduled() {
        let due = scheduled.filter { $0.step <= step }
        scheduled.removeAll { $0.step <= step }
        for item in due { item.action() }
    }

    private func after(_ steps: Int, _ action: @escaping () -> Void) { scheduled.append((step + steps, action)) }

    private func note(_ fault: SimFault, _ detail: String) {
        if Self.verbose {
            FileHandle.standardError.write(Data("step \(step) t=\(nowMs) ms: \(fault.rawValue) \(detail)\n".utf8))
        }
        faults[fault, default: 0] += 1
        trace.update(data: Array("\(step) \(fault.rawValue) \(detail)".utf8))
    }

    private func appendSome() {
        for node in nodes where random.chance(configuration.appendRate / Double(nodes.count) * 3) {
            append(node, replicator: node.replicator)
        }
        if let twin, random.chance(configuration.appendRate / Double(nodes.count) * 3) {
            append(twin.node, replicator: twin.node.replicator)
        }
    }

    private func append(_ node: SimNode, replicator: Replicator?) {
        guard let replicator else { return }
        let drafts = workload.drafts(
            origin: node.department, next: (replicator.heads[node.department]?.seq ?? 0) + 1,
            departments: departments, holds: { (replicator.heads[$0.origin]?.seq ?? 0) >= $0.seq }, random: &random)
        do {
            let events = try replicator.append(drafts, timestampMs: node.clock(nowMs))
            for event in events {
                let hash = event.computeHash()
                if let held = acknowledged[event.origin]?[event.seq],
                    lostWithStore[event.origin]?.contains(event.seq) != true
                {
                    if held != hash {
                        forks.append((event.origin, event.seq, twin != nil || twinned.contains(event.origin)))
                    }
                } else {
                    lostWithStore[event.origin]?.remove(event.seq)
                    acknowledged[event.origin, default: [:]][event.seq] = hash
                    payloads[event.origin, default: [:]][event.seq] = event
                }
                trace.update(data: hash.bytes)
            }
            workload.appended(events)
        } catch {
            refusedAppends += 1
        }
    }

    private func deliverAndTick() {
        for node in nodes {
            guard let replicator = node.replicator else { continue }
            // While a twin holds a node's endpoint, what is sent to the node reaches the twin.
            if let twin, twin.node.department == node.department {
                replicator.tick(nowMs: node.clock(nowMs))
                continue
            }
            replicator.receive(network.deliver(to: node.department), nowMs: node.clock(nowMs))
            replicator.tick(nowMs: node.clock(nowMs))
        }
        if let twin, let replicator = twin.node.replicator {
            replicator.receive(network.deliver(to: twin.node.department), nowMs: twin.node.clock(nowMs))
            replicator.tick(nowMs: twin.node.clock(nowMs))
            if step >= twin.until { stopTwin() }
        }
    }

    // MARK: Faults

    private func injectFault() {
        let rates = configuration.faults
        let running = nodes.filter(\.isRunning)
        if random.chance(rates.crash), let node = running.isEmpty ? nil : random.pick(running) {
            note(.crash, node.department)
            crash(node)
            after(random.int(5...300)) { [unowned self] in try? self.start(node) }
        }
        if random.chance(rates.partition) {
            let (a, b) = split()
            note(.partition, "\(a) | \(b)")
            let links = Set(a.flatMap { x in b.flatMap { y in [[x, y], [y, x]] } })
            network.cut.formUnion(links)
            after(random.int(20...600)) { [unowned self] in self.network.cut.subtract(links) }
        }
        if random.chance(rates.oneWayCut) {
            let (a, b) = split()
            note(.oneWayCut, "\(a) -> \(b)")
            let links = Set(a.flatMap { x in b.map { y in [x, y] } })
            network.cut.formUnion(links)
            after(random.int(20...600)) { [unowned self] in self.network.cut.subtract(links) }
        }
        if random.chance(rates.backup), let node = running.isEmpty ? nil : random.pick(running) {
            let path = directory.appendingPathComponent("\(node.department)-\(step).backup").path
            if (try? node.store?.store.backup(to: path)) != nil {
                note(.backup, node.department)
                node.backup = path
            }
        }
        if random.chance(rates.restore),
            let node = running.filter({ $0.backup != nil }).first(where: { _ in random.chance(0.5) })
        {
            note(.restore, node.department)
            crash(node)
            node.deleteStore()
            try? FileManager.default.copyItem(atPath: node.backup!, toPath: node.path)
            recordLoss(of: node)
            after(random.int(5...100)) { [unowned self] in try? self.start(node) }
        }
        if random.chance(rates.loseStore), let node = running.isEmpty ? nil : random.pick(running) {
            note(.loseStore, node.department)
            crash(node)
            node.deleteStore()
            recordLoss(of: node)
            after(random.int(5...100)) { [unowned self] in try? self.start(node) }
        }
        if random.chance(rates.diskFull), let node = running.isEmpty ? nil : random.pick(running) {
            note(.diskFull, node.department)
            node.diskFull = true
            node.store?.full = true
            after(random.int(20...500)) {
                node.diskFull = false
                node.store?.full = false
            }
        }
        if random.chance(rates.twin), twin == nil, let node = running.isEmpty ? nil : random.pick(running) {
            startTwin(of: node)
        }
        if random.chance(rates.rightsChange) {
            let node = random.pick(nodes)
            let profile = random.int(0...rightsProfiles.count - 1)
            rights[node.department] = rightsProfiles[profile]
            note(.rightsChange, "\(node.department) \(profile)")
            adoptMembership()
        }
        if random.chance(rates.memberChange) {
            if nodes.count > 4 && random.chance(0.5) {
                removeMember(random.pick(nodes))
            } else if nodes.count + removed.count < 32, let node = try? makeNode() {
                nodes.append(node)
                note(.memberAdded, node.department)
                adoptMembership()
                try? start(node)
            }
        }
    }

    /// A new membership version (members, rights) reaches every running node at once.
    private func adoptMembership() {
        membershipVersion += 1
        for node in nodes {
            node.replicator?.updateMembership(peers: departments, verifier: try! verifier, policy: policy)
        }
        twin?.node.replicator?.updateMembership(peers: departments, verifier: try! verifier, policy: policy)
    }

    /// Removes `node` from the membership: its process stops for good; what of its log no
    /// member holds is gone with it.
    private func removeMember(_ node: SimNode) {
        note(.memberRemoved, node.department)
        if twin?.node.department == node.department { stopTwin() }
        crash(node)
        nodes.removeAll { $0 === node }
        removed.append(node)
        node.deleteStore()
        recordLoss(of: node)
        adoptMembership()
    }

    /// Two non-empty groups of nodes.
    private func split() -> ([String], [String]) {
        var a: [String] = []
        var b: [String] = []
        for department in departments { if random.chance(0.5) { a.append(department) } else { b.append(department) } }
        if a.isEmpty { a.append(b.removeLast()) }
        if b.isEmpty { b.append(a.removeLast()) }
        return (a, b)
    }

    /// After `node` lost events of its own log: those no other store holds are gone for good.
    private func recordLoss(of node: SimNode) {
        let origin = node.department
        let kept = (try? EventStore(path: node.path, department: origin).heads()[origin]?.seq) ?? 0
        let elsewhere =
            nodes.filter { $0 !== node }.map { other -> UInt64 in
                if let replicator = other.replicator { return replicator.heads[origin]?.seq ?? 0 }
                return (try? EventStore(path: other.path, department: other.department).heads()[origin]?.seq) ?? 0
            }.max() ?? 0
        let held = max(kept, elsewhere)
        for seq in (acknowledged[origin] ?? [:]).keys where seq > held {
            if lostWithStore[origin, default: []].insert(seq).inserted { lostEvents += 1 }
        }
    }

    private func startTwin(of node: SimNode) {
        let path = directory.appendingPathComponent("\(node.department)-twin-\(step).sqlite").path
        guard (try? node.store?.store.backup(to: path)) != nil else { return }
        note(.twin, node.department)
        let copy = SimNode(
            department: node.department, key: node.key, path: path, clockRate: 1, clockOffsetMs: node.clockOffsetMs)
        do {
            try copy.start(
                peers: departments, verifier: verifier, policy: policy,
                transport: network.transport(for: node.department),
                settings: settings)
        } catch {
            return
        }
        twin = (copy, step + random.int(100...800))
        twinned.insert(node.department)
    }

    private func stopTwin() {
        twin?.node.crash()
        twin = nil
    }

    /// Ends every fault: links, loss, disks; stopped nodes start; the twin stops.
    private func heal() {
        stopTwin()
        network.cut = []
        network.loss = 0
        network.duplication = 0
        for (_, action) in scheduled { action() }
        scheduled = []
        for node in nodes {
            node.diskFull = false
            node.store?.full = false
            if !node.isRunning { try? start(node) }
        }
    }

    /// Whether the bus is at rest: every node recovered, holding the same heads, and asking for
    /// no payload it may receive that another node holds (one lost everywhere is asked for in vain).
    private func isQuiet() -> Bool {
        let running = nodes.compactMap(\.replicator)
        guard running.count == nodes.count else { return false }
        let excluded = Set(running.flatMap(\.equivocatedOrigins)).union(twinned)
        let vectors = running.map { $0.heads.filter { !excluded.contains($0.key) } }
        return vectors.allSatisfy { $0 == vectors[0] }
            && running.allSatisfy { $0.ownLog.allowsAppends || twinned.contains($0.department) }
            && !running.contains(where: isFilling)
            && twinned.allSatisfy { ((try? undetectedConflicts(of: $0)) ?? []).isEmpty }
    }

    /// The running nodes whose copy of `origin`'s log conflicts with another's (a different
    /// hash at a seq both hold) while they hold no evidence against `origin`.
    func undetectedConflicts(of origin: String) throws -> [String] {
        let running = nodes.filter(\.isRunning)
        let copies = try running.map { node -> [UInt64: Hash256] in
            let events = try node.store!.store.events(origin: origin, from: 1, through: .max)
            return Dictionary(uniqueKeysWithValues: events.map { ($0.seq, $0.computeHash()) })
        }
        return zip(running, copies).filter { node, mine in
            !node.replicator!.equivocatedOrigins.contains(origin)
                && copies.contains { other in mine.contains { seq, hash in other[seq].map { $0 != hash } ?? false } }
        }.map(\.0.department)
    }

    /// Whether `replicator` still asks for a payload it may receive that some node holds.
    private func isFilling(_ replicator: Replicator) -> Bool {
        let policy = self.policy
        return replicator.pendingRefills.contains { origin, seqs in
            seqs.contains { seq in
                guard let full = payloads[origin]?[seq], policy.mayReceive(replicator.department, full) else {
                    return false
                }
                return !((try? holdersInFull(of: full)) ?? []).isEmpty
            }
        }
    }

    /// The nodes that hold `event` (the same event, not another signed at its seq) with its
    /// payload (a payload lost with the origin's store and never given to an entitled peer
    /// cannot come back; that is not a hole the bus could fill).
    func holdersInFull(of event: EventEnvelope) throws -> [String] {
        let hash = event.computeHash()
        return try nodes.filter { node in
            try node.store?.store.events(origin: event.origin, from: event.seq, through: event.seq).first.map {
                !$0.isPayloadWithheld && $0.computeHash() == hash
            } ?? false
        }.map(\.department)
    }
}
