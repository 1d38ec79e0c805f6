import Foundation
import SupervisionProtocol

/// Evidence that an origin signed two different events at one seq: the checkpoint this node
/// holds and a validly signed, conflicting batch a peer sent. Either copy of the log may be
/// the one the origin meant; the authority decides. Kept in the store, shown by
/// `jointctl status`, `jointctl peers` and `jointctl audit verify`, exported for the authority.
public struct Equivocation: Sendable, Hashable {
    /// The origin that signed both.
    public var origin: String
    /// The first seq at which the two logs differ, as far as this node can tell.
    public var seq: UInt64
    /// The hash this node holds at `seq` (zero when it holds nothing there).
    public var heldHash: Hash256
    /// The conflicting hash at `seq`.
    public var otherHash: Hash256
    /// The peer that sent the conflicting batch.
    public var peer: String
    /// The conflicting batch as it arrived, signed by the origin: a serialized ``BusMessage`` (BATCH).
    public var batch: [UInt8]
    /// When it was detected (the node's clock, milliseconds).
    public var detectedMs: Int64

    /// Creates evidence.
    public init(
        origin: String, seq: UInt64, heldHash: Hash256, otherHash: Hash256, peer: String, batch: [UInt8],
        detectedMs: Int64
    ) {
        self.origin = origin
        self.seq = seq
        self.heldHash = heldHash
        self.otherHash = otherHash
        self.peer = peer
        self.batch = batch
        self.detectedMs = detectedMs
    }
}

/// An ``Equivocation`` as JSON for operators and the authority (`jointctl evidence`): hashes in
/// hex, the conflicting batch in base64 (a serialized BATCH message, verifiable with the
/// origin's public key from the membership).
public struct EquivocationRecord: Sendable, Codable, Hashable {
    /// The origin that signed both.
    public var origin: String
    /// The seq at which the logs differ.
    public var seq: UInt64
    /// The hash held here, hex.
    public var heldHash: String
    /// The conflicting hash, hex.
    public var otherHash: String
    /// The peer that sent the conflicting batch.
    public var peer: String
    /// The conflicting BATCH message, base64.
    public var batch: String
    /// When it was detected (node clock, milliseconds).
    public var detectedMs: Int64

    /// The record of `evidence`.
    public init(_ evidence: Equivocation) {
        origin = evidence.origin
        seq = evidence.seq
        heldHash = evidence.heldHash.hex
        otherHash = evidence.otherHash.hex
        peer = evidence.peer
        batch = Data(evidence.batch).base64EncodedString()
        detectedMs = evidence.detectedMs
    }
}
