import Crypto
import Foundation
import SupervisionAgent
import SupervisionBus
import SupervisionProtocol

/// The invariants of a healed run (see ``SimInvariant``).
struct SimChecks {
    let simulation: Simulation
    var violations: [SimReport.Violation] = []

    init(simulation: Simulation) { self.simulation = simulation }

    private mutating func fail(_ invariant: SimInvariant, _ detail: String) {
        if violations.filter({ $0.invariant == invariant }).count < 5 {
            violations.append(SimReport.Violation(invariant: invariant, detail: detail))
        }
    }

    mutating func run() throws -> [SimReport.Violation] {
        let sim = simulation
        let nodes = sim.nodes.filter(\.isRunning)
        let equivocated = Set(nodes.flatMap { $0.replicator!.equivocatedOrigins })
        let twinned = sim.twinned
        let excluded = equivocated.union(twinned)

        // An origin never signs a seq another node holds with another hash (twins aside, and those are detected).
        for fork in sim.forks {
            if !fork.twinLive {
                fail(.neverAppendsPastUnrecoveredHead, "\(fork.origin) signed seq \(fork.seq) twice without a twin")
            } else if !equivocated.contains(fork.origin) && !twinned.contains(fork.origin) {
                fail(.equivocationDetected, "\(fork.origin)#\(fork.seq) signed twice, detected by no node")
            }
        }
        for node in nodes where !node.replicator!.ownLog.allowsAppends && !twinned.contains(node.department) {
            fail(.recovers, "\(node.department): \(node.replicator!.ownLog.summary)")
        }

        // Convergence (origins with a twin aside).
        let vectors = nodes.map { $0.replicator!.heads.filter { !excluded.contains($0.key) } }
        for (node, vector) in zip(nodes, vectors) where vector != vectors[0] {
            let differing = Set(vector.keys).union(vectors[0].keys).filter { vector[$0] != vectors[0][$0] }.sorted()
            fail(
                .convergence,
                "\(node.department) differs from \(nodes[0].department) on \(differing.map { "\($0) \(vector[$0]?.seq ?? 0)/\(vectors[0][$0]?.seq ?? 0)" })"
            )
        }

        var digests: [(node: String, rights: Set<String>, byOrigin: [String: String])] = []
        for node in nodes {
            let store = node.store!.store
            var byOrigin: [String: String] = [:]
            for (origin, truth) in sim.acknowledged.sorted(by: { $0.key < $1.key }) {
                let held = try store.events(origin: origin, from: 1, through: .max)
                var bySeq: [UInt64: EventEnvelope] = [:]
                for event in held { bySeq[event.seq] = event }
                if !excluded.contains(origin) {
                    for (seq, hash) in truth.sorted(by: { $0.key < $1.key }) {
                        if sim.lostWithStore[origin]?.contains(seq) == true { continue }
                        guard let event = bySeq[seq] else {
                            fail(.noAcknowledgedLoss, "\(node.department) lacks acknowledged \(origin)#\(seq)")
                            break
                        }
                        if event.computeHash() != hash {
                            fail(.noAcknowledgedLoss, "\(node.department) holds \(origin)#\(seq) with another hash")
                            break
                        }
                    }
                }
                for event in held {
                    if event.isPayloadWithheld, origin != node.department, let full = sim.payloads[origin]?[event.seq],
                        full.computeHash() == event.computeHash(), sim.policy.mayReceive(node.department, full),
                        case let holders = try sim.holdersInFull(of: full), !holders.isEmpty
                    {
                        fail(
                            .noPermanentStub,
                            "\(node.department) holds \(origin)#\(event.seq) withheld but may receive it (\(holders.joined(separator: ",")) hold it in full)"
                        )
                        break
                    }
                }
                if !excluded.contains(origin) {
                    var content = SHA256()
                    // What the node may use now: a payload kept from before its rights shrank is not.
                    for event in held {
                        content.update(data: event.computeHash().bytes)
                        let usable = !event.isPayloadWithheld && sim.policy.mayReceive(node.department, event)
                        content.update(data: [usable ? 1 : 0])
                    }
                    byOrigin[origin] = content.finalize().map { String(format: "%02x", $0) }.joined()
                }
            }
            let rights = sim.rights[node.department]!
            // Each holds its own log in full: compare the logs of the other origins, and their fold.
            for other in digests where other.rights == rights {
                let theirs = try usableEvents(of: sim.nodes.first { $0.department == other.node }!)
                let mine = try usableEvents(of: node)
                let origins = Set(mine.keys).union(theirs.keys).subtracting(excluded).subtracting([
                    node.department, other.node,
                ])
                if Self.fold(mine, origins) != Self.fold(theirs, origins) {
                    fail(
                        .sameRightsSameDigest,
                        "\(node.department) and \(other.node) have the same rights and fold different supervision states"
                    )
                }
                let differing = byOrigin.keys.filter {
                    $0 != node.department && $0 != other.node && byOrigin[$0] != other.byOrigin[$0]
                }
                if let origin = differing.sorted().first {
                    fail(
                        .sameRightsSameDigest,
                        "\(node.department) and \(other.node) have the same rights and hold \(origin)'s log differently"
                    )
                }
            }
            digests.append((node.department, rights, byOrigin))
        }

        // Every node whose copy of an equivocated origin differs from another's holds evidence.
        for origin in excluded {
            for department in try sim.undetectedConflicts(of: origin) {
                fail(
                    .equivocationDetected,
                    "\(department) holds a copy of \(origin) that conflicts with another's, and no evidence")
            }
        }

        // Every stored event verifies (the store audit of `jointctl audit verify`).
        var verified: Set<Checkpoint> = []
        for node in nodes {
            let problems = try Self.audit(node.store!.store, verifier: sim.verifier, verified: &verified)
            if let problem = problems.first { fail(.onlyValidEvents, "\(node.department): \(problem)") }
        }
        return violations
    }

    /// What `node` may use of every origin's log now: events whose payload it holds and may
    /// receive, the others withheld (a payload kept from before its rights shrank is not usable).
    private func usableEvents(of node: SimNode) throws -> [String: [EventEnvelope]] {
        let store = node.store!.store
        let policy = simulation.policy
        var usable: [String: [EventEnvelope]] = [:]
        for origin in try store.heads().keys {
            usable[origin] = try store.events(origin: origin, from: 1, through: .max).map { event in
                !event.isPayloadWithheld && policy.mayReceive(node.department, event)
                    ? event : event.withholdingPayload()
            }
        }
        return usable
    }

    /// The agents' supervision-state digest of the logs of `origins`.
    private static func fold(_ events: [String: [EventEnvelope]], _ origins: Set<String>) -> String {
        var state = SupervisionState()
        for origin in origins.sorted() {
            for event in events[origin] ?? [] { state.apply(event) }
        }
        return state.digest
    }

    /// Checks every origin's chain, payload hashes and checkpoints in a store.
    static func audit(_ store: EventStore, verifier: CheckpointVerifier, verified: inout Set<Checkpoint>) throws
        -> [String]
    {
        var problems: [String] = []
        for (origin, _) in try store.heads() {
            let events = try store.events(origin: origin, from: 1, through: .max)
            var previous = Hash256.zero
            var hashes: [UInt64: Hash256] = [:]
            for (index, event) in events.enumerated() {
                guard event.seq == UInt64(index + 1) else {
                    problems.append("\(origin): gap before seq \(event.seq)")
                    break
                }
                guard event.prevHash == previous, event.payloadHashMatches else {
                    problems.append("\(origin)#\(event.seq): broken chain or payload hash")
                    break
                }
                previous = event.computeHash()
                hashes[event.seq] = previous
            }
            for checkpoint in try store.checkpoints(origin: origin) {
                guard hashes[checkpoint.seq] == checkpoint.eventHash,
                    verified.contains(checkpoint) || verifier.isValid(checkpoint)
                else {
                    problems.append("\(origin): checkpoint at \(checkpoint.seq) does not verify")
                    break
                }
                verified.insert(checkpoint)
            }
        }
        return problems
    }
}
