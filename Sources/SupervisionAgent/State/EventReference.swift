import SupervisionProtocol

/// Names one event on every agent: its origin and its seq in the origin's log. Written `origin#seq`.
public struct EventReference: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Department id of the origin.
    public var origin: String
    /// Seq in the origin's log.
    public var seq: UInt64

    /// Makes a reference.
    public init(origin: String, seq: UInt64) {
        self.origin = origin
        self.seq = seq
    }

    /// The reference of a wire ``EventRef``.
    public init(_ ref: EventRef) { self.init(origin: ref.origin, seq: ref.seq) }

    /// The wire form.
    public var wire: EventRef { EventRef(origin: origin, seq: seq) }

    /// Orders by origin, then seq.
    public static func < (lhs: EventReference, rhs: EventReference) -> Bool {
        lhs.origin != rhs.origin ? lhs.origin < rhs.origin : lhs.seq < rhs.seq
    }

    /// `origin#seq`.
    public var description: String { "\(origin)#\(seq)" }
}
