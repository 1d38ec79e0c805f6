/// A node's periodic announcement of its version vector, also its liveness signal
/// (`Head` in bus.proto).
public struct Head: Hashable, Sendable {
    /// At most one entry per origin, in any order.
    public var entries: [HeadEntry]

    /// Makes an announcement.
    public init(entries: [HeadEntry]) {
        self.entries = entries
    }
}
