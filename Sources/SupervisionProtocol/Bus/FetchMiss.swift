/// The answer to a ``FetchRequest`` whose first seq the responder does not hold
/// (`FetchMiss` in bus.proto).
public struct FetchMiss: Hashable, Sendable {
    /// The ``FetchRequest/requestId`` answered.
    public var requestId: UInt64
    /// The origin named in the request.
    public var origin: String
    /// Highest seq of ``origin`` the responder holds without a gap (0 = none).
    public var heldSeq: UInt64

    /// Makes a miss.
    public init(requestId: UInt64, origin: String, heldSeq: UInt64) {
        self.requestId = requestId
        self.origin = origin
        self.heldSeq = heldSeq
    }
}
