import Foundation
import Logging
import SupervisionProtocol
import Synchronization
import ZeroMQ

extension BusNode {
    /// The ZAP domain of every bus ROUTER.
    static let zapDomain = "jointsupervision"

    static func wallClockMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// The highest valid membership among the file and the versions adopted before.
    static func membershipInForce(
        file: String, store: EventStore, anchor: TrustAnchor, logger: Logger
    ) throws -> (document: Membership, signed: SignedMembership) {
        let fromFile: (document: Membership, signed: SignedMembership)
        do {
            let signed = try SignedMembership.load(from: file)
            fromFile = (try signed.verify(anchor: anchor), signed)
        } catch let error as BusError {
            throw BusError(.invalidMembership, "membership file \(file) refused: \(error.message)")
        }
        var best = fromFile
        for (version, bytes) in try store.memberships() where version > best.document.version {
            guard let signed = try? SignedMembership.parse(bytes), let document = try? signed.verify(anchor: anchor)
            else { continue }
            best = (document, signed)
        }
        if best.document.version > fromFile.document.version {
            logger.notice(
                "using a newer membership adopted earlier",
                metadata: [
                    "membership.version": "\(best.document.version)", "file.version": "\(fromFile.document.version)",
                ])
        }
        return best
    }

    /// The transport's view of the peers in `membership`.
    func transportPeers(_ membership: Membership) -> [String: ZeroMQTransport.Peer] {
        var peers: [String: ZeroMQTransport.Peer] = [:]
        let topology = membership.topology
        let scoped = Set(topology.peers(of: configuration.department))
        for member in membership.departments where scoped.contains(member.id) {
            peers[member.id] = ZeroMQTransport.Peer(
                endpoint: member.busEndpoint, serverKey: isSecure ? try? member.curvePublicKey() : nil)
        }
        return peers
    }

    /// Whether the bus runs with CURVE and ZAP.
    var isSecure: Bool { configuration.insecureTransport != true }

    /// The delivery policy of `membership`.
    func policy(_ membership: Membership) -> DeliveryPolicy {
        DeliveryPolicy(membership: membership, categorize: categorize)
    }

    /// Hands a signed membership document to the I/O thread (control `membership.push`).
    func pushMembership(_ signed: SignedMembership) {
        shared.withLock { $0.pushedMemberships.append(signed) }
        wakePipe.wake()
    }
}

/// The I/O thread's handling of membership changes: from the file, from the control API, and
/// from `membership` events of peers.
final class MembershipKeeper {
    private let node: BusNode
    private let replicator: Replicator
    private let transport: ZeroMQTransport
    private let zap: ZAPHandler?
    private var fileStamp: Date?
    private var lastCheckMs: Int64 = 0
    private var expiryReported = false
    /// Every member key ever adopted, so that history signed with retired or removed keys verifies.
    private var knownKeys: [String: [UInt32: [UInt8]]] = [:]

    init(node: BusNode, replicator: Replicator, transport: ZeroMQTransport, zap: ZAPHandler?) throws {
        self.node = node
        self.replicator = replicator
        self.transport = transport
        self.zap = zap
        fileStamp = Self.stamp(node.configuration.membershipFile)
        for bytes in try node.store.memberships().values {
            guard let document = try? SignedMembership.parse(bytes).verifySignature(anchor: node.anchor) else {
                continue
            }
            merge(try document.signingKeys())
        }
        // The membership in force: with a federation agreement, the named foreign members too.
        merge(try node.membership.signingKeys())
    }

    /// The verifier over every key known.
    func verifier() throws -> CheckpointVerifier { try CheckpointVerifier(publicKeys: knownKeys) }

    private func merge(_ keys: [String: [UInt32: [UInt8]]]) {
        for (department, byID) in keys { knownKeys[department, default: [:]].merge(byID) { new, _ in new } }
    }

    private static func stamp(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Periodic work: re-reads the membership file when it changed, adopts pushed documents,
    /// and fails closed when the document in force expires.
    func tick(nowMs: Int64) {
        for signed in node.shared.withLock({ state in
            defer { state.pushedMemberships = [] }
            return state.pushedMemberships
        }) {
            consider(signed, source: "control", announce: true)
        }
        guard nowMs - lastCheckMs >= node.configuration.replicatorSettings.heartbeatMs else { return }
        lastCheckMs = nowMs
        let stamp = Self.stamp(node.configuration.membershipFile)
        if stamp != fileStamp {
            fileStamp = stamp
            do {
                consider(
                    try SignedMembership.load(from: node.configuration.membershipFile), source: "file", announce: true)
            } catch {
                refuse(error, source: "file")
            }
        }
        let current = node.membership
        if current.boundary != nil, federationInForce == nil {
            dropFederation(current)
        }
        if !current.isValid(at: Date()) && !expiryReported {
            expiryReported = true
            zap?.setAllowList([:])
            node.logger.critical(
                "membership expired: no new connections are admitted until the authority issues a new version",
                metadata: ["membership.version": "\(current.version)"])
        }
    }

    /// Adopts the `membership` documents among newly stored events of peers.
    func consider(events: [EventEnvelope]) {
        for event in events where event.kind == .membership && !event.isPayloadWithheld {
            do {
                consider(
                    try SignedMembership.parse(event.payload), source: "peer \(event.origin)", announce: false,
                    relayedFrom: event.origin)
            } catch {
                refuse(error, source: "peer \(event.origin)")
            }
        }
    }

    private func refuse(_ error: any Error, source: String) {
        replicator.metrics.membershipsRefused += 1
        node.logger.warning(
            "membership document refused", metadata: ["source": "\(source)", "error": "\(error)"])
    }

    /// Verifies `signed` and adopts it when newer; with `announce`, appends it to this
    /// department's log so that every peer gets it. A document adopted from the log of an origin
    /// that not every member holds (`relayedFrom`) is appended too by a node that every member
    /// holds, so that it reaches the whole bus (a district's push reaches the other districts
    /// through the city).
    func consider(_ signed: SignedMembership, source: String, announce: Bool, relayedFrom: String? = nil) {
        let document: Membership
        do {
            let local = try signed.verify(anchor: node.anchor)
            document = try federationInForce?.apply(to: local) ?? local
        } catch {
            refuse(error, source: source)
            return
        }
        let current = node.membership
        guard document.version > current.version else {
            if document.version < current.version {
                node.logger.info(
                    "ignored an older membership",
                    metadata: [
                        "source": "\(source)", "offered": "\(document.version)", "in.force": "\(current.version)",
                    ])
            }
            return
        }
        do {
            try adopt(document, signed: signed)
        } catch {
            refuse(error, source: source)
            return
        }
        let before = Set(current.departments.map(\.id))
        let after = Set(document.departments.map(\.id))
        node.logger.notice(
            "membership adopted",
            metadata: [
                "membership.version": "\(document.version)", "source": "\(source)",
                "admitted": "\(after.subtracting(before).sorted().joined(separator: ","))",
                "removed": "\(before.subtracting(after).sorted().joined(separator: ","))",
            ])
        if document.member(node.configuration.department) == nil {
            node.logger.critical("this department is no longer a member: peers will refuse it")
        }
        let topology = document.topology
        let relays =
            relayedFrom.map { !topology.isHeldByAll($0) && topology.isHeldByAll(node.configuration.department) }
            ?? false
        if announce || relays {
            do {
                _ = try replicator.append(
                    [EventDraft(kind: .membership, payload: signed.serialized())], timestampMs: BusNode.wallClockMs())
            } catch {
                node.logger.error("cannot announce the membership to peers", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The federation while its agreement and foreign membership are valid; `nil` after.
    private var federationInForce: Federation? {
        node.federation.flatMap { $0.isValid(at: Date()) ? $0 : nil }
    }

    /// Fails closed when the agreement or the foreign membership expires: the foreign members
    /// leave the membership in force (no connection admitted, nothing sent or held across).
    private func dropFederation(_ current: Membership) {
        var local = current
        if let boundary = current.boundary {
            local.departments.removeAll { boundary.isForeign($0.id) }
        }
        local.boundary = nil
        node.logger.critical(
            "federation agreement or foreign membership expired: the foreign members are no longer admitted",
            metadata: ["membership.version": "\(current.version)"])
        do {
            try install(local, signed: node.shared.withLock { $0.membership.signed })
        } catch {
            node.logger.error("cannot leave the federation", metadata: ["error": "\(error)"])
        }
    }

    private func adopt(_ document: Membership, signed: SignedMembership) throws {
        try node.store.saveMembership(
            version: document.version, document: signed.serialized(), adoptedMs: BusNode.wallClockMs())
        try install(document, signed: signed)
    }

    /// Puts `document` in force: keys, ZAP allow-list, connections, rights and scope.
    private func install(_ document: Membership, signed: SignedMembership) throws {
        merge(try document.signingKeys())
        let peers = node.transportPeers(document)
        zap?.setAllowList(try document.allowList())
        try transport.update(peers: peers)
        replicator.updateMembership(
            peers: Array(peers.keys), verifier: try verifier(), policy: node.policy(document),
            topology: document.topology)
        expiryReported = false
        node.shared.withLock {
            $0.membership = (document, signed)
            $0.status.membershipVersion = document.version
        }
    }
}
