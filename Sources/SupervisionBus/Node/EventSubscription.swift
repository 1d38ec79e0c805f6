import SupervisionProtocol

/// The merged stream of a node's store from a position on, filtered by kind and origin:
/// past events first, then new ones as they are stored. Reads in pages, so memory stays bounded.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = StoredEvent

    let node: any DepartmentNode
    let position: Int64
    let kinds: Set<String>?
    let origins: Set<String>?

    public func makeAsyncIterator() -> Iterator {
        Iterator(subscription: self, position: position)
    }

    /// Iterates the subscription; ends when the task is cancelled.
    public struct Iterator: AsyncIteratorProtocol {
        let subscription: EventSubscription
        var position: Int64
        var buffer: [StoredEvent] = []

        public mutating func next() async throws -> StoredEvent? {
            while buffer.isEmpty {
                if Task.isCancelled { return nil }
                let scanned = subscription.node.status.lastPosition
                buffer = try subscription.node.events(
                    after: position, limit: 256, kinds: subscription.kinds, origins: subscription.origins
                ).reversed()
                if buffer.isEmpty {
                    position = Swift.max(position, scanned)
                    await subscription.node.waitForPosition(after: position)
                }
            }
            let event = buffer.removeLast()
            position = event.position
            return event
        }
    }
}
