import SupervisionProtocol

/// Decides whether a peer may receive an event's payload (data rights); events it may not
/// receive travel with the payload withheld, which keeps its replica's chain verifiable.
public struct DeliveryPolicy: Sendable {
    /// The membership version the decisions come from (0: none).
    public let membershipVersion: Int
    /// Whether a peer may receive an event, given a way to learn the event's category.
    private let decide: @Sendable (_ peer: String, _ event: EventEnvelope, _ category: () -> String?) -> Bool
    private let categorize: EventCategorizer

    /// A policy from a closure.
    public init(membershipVersion: Int, mayReceive: @escaping @Sendable (String, EventEnvelope) -> Bool) {
        self.membershipVersion = membershipVersion
        self.decide = { peer, event, _ in mayReceive(peer, event) }
        self.categorize = { _ in nil }
    }

    /// The membership's data rights, with `categorize` giving the category of an event's
    /// content (`nil`: uncategorised kind). Deny by default.
    public init(membership: Membership, categorize: @escaping EventCategorizer) {
        self.membershipVersion = membership.version
        let topology = membership.topology
        self.decide = { peer, event, category in
            topology.mayReceive(peer, origin: event.origin, kind: event.kind.rawValue, category: category)
        }
        self.categorize = categorize
    }

    /// Every peer receives every payload (tests and in-memory clusters).
    public static let everything = DeliveryPolicy(membershipVersion: 0) { _, _ in true }

    /// Whether `peer` may receive `event`'s payload.
    public func mayReceive(_ peer: String, _ event: EventEnvelope) -> Bool {
        decide(peer, event) { categorize(event) }
    }

    /// Whether `peer` may receive `event`'s payload in some category: what a holder of the
    /// event only withheld can tell (it cannot read the category).
    public func mightReceive(_ peer: String, _ event: EventEnvelope) -> Bool {
        decide(peer, event) { nil }
    }

    /// For each of `peers`, whether it may receive each of `events`' payloads; each event's
    /// content is categorised at most once, whatever the number of peers.
    public func allowances(_ events: [EventEnvelope], for peers: [String]) -> [String: [Bool]] {
        var categories = [String??](repeating: nil, count: events.count)
        var allowances: [String: [Bool]] = [:]
        for peer in peers {
            allowances[peer] = events.indices.map { index in
                decide(peer, events[index]) {
                    if let known = categories[index] { return known }
                    let category = categorize(events[index])
                    categories[index] = .some(category)
                    return category
                }
            }
        }
        return allowances
    }
}

/// The category of an event's content for data rights (e.g. a finding's checklist item
/// category), or `nil` for kinds without categories. Only called where the payload is present.
public typealias EventCategorizer = @Sendable (EventEnvelope) -> String?
