/// Opaque bytes for bus tests and benchmarks; kind `"test"` (`TestEvent` in domain.proto).
public struct TestPayload: EventPayload {
    /// `"test"`.
    public static let kind = EventKind.test

    /// The opaque body.
    public var body: [UInt8]

    /// Makes a test payload.
    public init(body: [UInt8]) {
        self.body = body
    }
}
