import Crypto

/// A node's version vector, announced every heartbeat and answered to HELLO
/// (`Head` in bus.proto).
public struct Head: Hashable, Sendable {
    /// At most one entry per origin, in any order: the whole vector, or with ``delta`` only
    /// the entries that changed since the sender's previous HEAD to this receiver.
    public var entries: [HeadEntry]
    /// Whether ``entries`` are only what changed (protocol version 2).
    public var delta: Bool
    /// ``Head/digest(of:)`` of the whole vector as announced to this receiver (16 bytes), or
    /// empty (protocol version 1).
    public var digest: [UInt8]
    /// Asks the receiver for its whole vector in its next HEAD (protocol version 2).
    public var wantFull: Bool
    /// The sender's next HEAD to this receiver comes within this many milliseconds; 0: within
    /// the receiver's heartbeat interval (protocol version 2).
    public var nextWithinMs: UInt32

    /// Makes an announcement.
    public init(
        entries: [HeadEntry], delta: Bool = false, digest: [UInt8] = [], wantFull: Bool = false,
        nextWithinMs: UInt32 = 0
    ) {
        self.entries = entries
        self.delta = delta
        self.digest = digest
        self.wantFull = wantFull
        self.nextWithinMs = nextWithinMs
    }

    /// The digest of a whole vector (origin → head): the first 16 bytes of SHA-256 over the
    /// entries with a seq above 0, sorted by origin, each as origin (UTF-8), a 0x00 byte, seq
    /// (8 bytes big-endian) and hash (32 bytes).
    public static func digest(of vector: [String: (seq: UInt64, hash: Hash256)]) -> [UInt8] {
        var hasher = SHA256()
        for (origin, head) in vector.sorted(by: { $0.key < $1.key }) where head.seq > 0 {
            hasher.update(data: Array(origin.utf8) + [0])
            withUnsafeBytes(of: head.seq.bigEndian) { hasher.update(bufferPointer: $0) }
            head.hash.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        return Array(hasher.finalize().prefix(16))
    }
}
