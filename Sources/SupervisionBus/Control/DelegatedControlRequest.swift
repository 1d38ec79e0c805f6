/// A control request the bus node does not handle itself, handed to whoever consumes
/// ``BusNode/delegatedRequests`` (for instance the department agent). Answer it with
/// ``BusNode/reply(to:with:)``; the node sends the reply from its I/O thread.
public struct DelegatedControlRequest: Sendable {
    /// Identifies the waiting client within this node.
    public var id: UInt64
    /// The request.
    public var request: ControlRequest

    /// A request waiting under `id` for the node's ``DepartmentNode/reply(to:with:)``.
    public init(id: UInt64, request: ControlRequest) {
        self.id = id
        self.request = request
    }
}
