import SupervisionProtocol

/// What a department's agent needs of the bus node it runs on: its configuration and status,
/// the control requests delegated to it, durable appends to its own log, and its merged stream.
///
/// ``BusNode`` is the node of a real deployment (ZeroMQ, CURVE, the control socket);
/// `SupervisionBusTesting`'s `InProcessBus` runs nodes' replicators on an in-process network, so
/// that whole agents run inside one test process.
public protocol DepartmentNode: AnyObject, Sendable {
    /// The node's configuration (department, data directory).
    var configuration: NodeConfiguration { get }
    /// A snapshot of heads, peers and metrics.
    var status: NodeStatus { get }
    /// Control requests for commands the agent answers (see ``reply(to:with:)``).
    var delegatedRequests: AsyncStream<DelegatedControlRequest> { get }
    /// Answers a delegated request.
    func reply(to id: UInt64, with reply: ControlReply)
    /// Appends events to the department's own log, durably; returns them as stored.
    func append(_ drafts: [EventDraft]) async throws -> [EventEnvelope]
    /// Reads the merged stream after local `position` (each origin in order).
    func events(after position: Int64, limit: Int, kinds: Set<String>?, origins: Set<String>?) throws
        -> [StoredEvent]
    /// Suspends until the store holds something after `position` (or the node stops).
    func waitForPosition(after position: Int64) async
    /// The membership in force, whose entries place every member (kind, jurisdiction); `nil`
    /// for a node without one (an in-process test bus: every member a city department named
    /// after its kind).
    var membershipInForce: Membership? { get }
}

extension DepartmentNode {
    /// No membership: see ``DepartmentNode/membershipInForce``.
    public var membershipInForce: Membership? { nil }

    /// Events as they are stored, from local `position` on, filtered by kind and origin.
    public func subscribe(
        after position: Int64 = 0, kinds: Set<String>? = nil, origins: Set<String>? = nil
    ) -> EventSubscription {
        EventSubscription(node: self, position: position, kinds: kinds, origins: origins)
    }
}
