import SupervisionProtocol

/// Decides whether a peer may receive an event's payload (data rights); events it may not
/// receive travel with the payload withheld, which keeps its replica's chain verifiable.
public struct DeliveryPolicy: Sendable {
    /// The membership version the decisions come from (0: none).
    public let membershipVersion: Int
    private let decide: @Sendable (_ peer: String, _ event: EventEnvelope) -> Bool

    /// A policy from a closure.
    public init(membershipVersion: Int, mayReceive: @escaping @Sendable (String, EventEnvelope) -> Bool) {
        self.membershipVersion = membershipVersion
        self.decide = mayReceive
    }

    /// The membership's data rights, with `categorize` giving the category of an event's
    /// content (`nil`: uncategorised kind). Deny by default.
    public init(membership: Membership, categorize: @escaping EventCategorizer) {
        self.init(membershipVersion: membership.version) { peer, event in
            membership.mayReceive(peer, origin: event.origin, kind: event.kind.rawValue) { categorize(event) }
        }
    }

    /// Every peer receives every payload (tests and in-memory clusters).
    public static let everything = DeliveryPolicy(membershipVersion: 0) { _, _ in true }

    /// Whether `peer` may receive `event`'s payload.
    public func mayReceive(_ peer: String, _ event: EventEnvelope) -> Bool { decide(peer, event) }
}

/// The category of an event's content for data rights (e.g. a finding's checklist item
/// category), or `nil` for kinds without categories. Only called where the payload is present.
public typealias EventCategorizer = @Sendable (EventEnvelope) -> String?
