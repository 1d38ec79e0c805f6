import Crypto
import Foundation

/// One event of one department's append-only log, with the hash that chains it.
///
/// Events of an origin are numbered 1, 2, 3… without gaps; each names the hash of its
/// predecessor, so the hash of the last event identifies the whole log up to it.
/// The hash is computed over a canonical encoding (see ``EventHasher``), never over protobuf bytes.
public struct LogEvent: Sendable, Hashable {
    /// Department id of the origin, e.g. `fire`.
    public var origin: String
    /// Position in the origin's log, starting at 1.
    public var seq: UInt64
    /// Hash of event `seq - 1` of the same origin; 32 zero bytes for `seq == 1`.
    public var prevHash: [UInt8]
    /// The origin's wall clock at append, milliseconds since the Unix epoch (informational).
    public var timestampMs: Int64
    /// Kind of payload, a dotted name such as `intent` or `plan.proposal`.
    public var kind: String
    /// The payload bytes (a `domain.proto` message chosen by `kind`); empty when withheld.
    public var payload: [UInt8]
    /// SHA-256 of `payload`, always 32 bytes.
    public var payloadHash: [UInt8]
    /// The event hash (see ``EventHasher/eventHash(_:)``).
    public var hash: [UInt8]

    /// Creates an event, computing its payload hash and event hash.
    public init(origin: String, seq: UInt64, prevHash: [UInt8], timestampMs: Int64, kind: String, payload: [UInt8]) {
        self.origin = origin
        self.seq = seq
        self.prevHash = prevHash
        self.timestampMs = timestampMs
        self.kind = kind
        self.payload = payload
        self.payloadHash = Array(SHA256.hash(data: payload))
        self.hash = []
        self.hash = EventHasher.eventHash(self)
    }

    /// Creates an event from stored or received fields, trusting nothing: call ``verifyIntegrity()``.
    public init(
        origin: String, seq: UInt64, prevHash: [UInt8], timestampMs: Int64, kind: String, payload: [UInt8],
        payloadHash: [UInt8], hash: [UInt8]
    ) {
        self.origin = origin
        self.seq = seq
        self.prevHash = prevHash
        self.timestampMs = timestampMs
        self.kind = kind
        self.payload = payload
        self.payloadHash = payloadHash
        self.hash = hash
    }

    /// The hash a log has before its first event: 32 zero bytes.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)
}
