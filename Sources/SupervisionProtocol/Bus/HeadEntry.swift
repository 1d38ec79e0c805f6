/// What a node holds of one origin's log: events 1…``seq``, the last one having ``hash``
/// (`HeadEntry` in bus.proto). A version vector is a list of these, one per origin.
public struct HeadEntry: Hashable, Sendable {
    /// Department id of the origin.
    public var origin: String
    /// Highest seq held without a gap (0 = nothing held).
    public var seq: UInt64
    /// Hash of event ``seq``; ``Hash256/zero`` when ``seq`` is 0.
    public var hash: Hash256

    /// Makes an entry.
    public init(origin: String, seq: UInt64, hash: Hash256) {
        self.origin = origin
        self.seq = seq
        self.hash = hash
    }
}
