/// A message or event that violates the JSB/1 wire contract (`Protocols/spec/1-JSB.md`).
///
/// Thrown by every `init(serializedBytes:)` of this module and by the verification
/// functions. A receiver rejects the whole message, counts it under ``code`` and keeps
/// serving; ``description`` is safe to log (it never contains payload bytes).
public struct ProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of violation it is; stable, suitable as a metric label.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name of the code, e.g. `"invalid-field"`.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// Not decodable protobuf: truncated, wrong wire type, bad varint, invalid UTF-8.
        public static let malformed = Code("malformed")
        /// A `BusMessage` without any body this version knows (a later version's message).
        public static let unknownMessage = Code("unknown-message")
        /// A field violates the spec: wrong hash length, empty origin, seq 0, bad date, …
        public static let invalidField = Code("invalid-field")
        /// An `EventBatch` whose parts disagree: empty, seqs not consecutive, an event of
        /// another origin, a checkpoint that does not name the last event.
        public static let inconsistentBatch = Code("inconsistent-batch")
        /// An event whose `payload_hash` is not SHA-256 of its (present) payload.
        public static let payloadHashMismatch = Code("payload-hash-mismatch")
        /// An event whose `prev_hash` is not the hash of its predecessor, or a checkpoint
        /// whose `event_hash` is not the hash of the event it covers.
        public static let brokenChain = Code("broken-chain")
        /// A checkpoint signature that does not verify with the origin's key.
        public static let badSignature = Code("bad-signature")
        /// A payload decoded as a type that does not match the event's kind.
        public static let wrongKind = Code("wrong-kind")

        /// The stable name of the code.
        public var description: String { rawValue }
    }

    /// What kind of violation it is.
    public var code: Code
    /// Where: a path such as `batch.events[2].prev_hash`; empty when the message as a
    /// whole is at fault.
    public var field: String
    /// What is wrong, in words (never contains payload content).
    public var reason: String

    /// Makes an error.
    public init(_ code: Code, field: String = "", _ reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    /// `code: field: reason`, or `code: reason` when no field is named.
    public var description: String {
        field.isEmpty ? "\(code): \(reason)" : "\(code): \(field): \(reason)"
    }

    /// The same error with `prefix` prepended to its field path (`events[3]` + `seq` →
    /// `events[3].seq`).
    func prefixed(_ prefix: String) -> ProtocolError {
        var copy = self
        copy.field = field.isEmpty ? prefix : (field.hasPrefix("[") ? prefix + field : prefix + "." + field)
        return copy
    }
}

extension ProtocolError {
    static func invalid(_ field: String, _ reason: String) -> ProtocolError {
        ProtocolError(.invalidField, field: field, reason)
    }
}
