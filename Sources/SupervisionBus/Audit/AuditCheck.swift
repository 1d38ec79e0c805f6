/// One check of a store audit (``StoreAudit``), in the order the audit applies them.
public enum AuditCheck: String, Sendable, Codable, Hashable, CaseIterable {
    /// The file opens read-only as a JointSupervision store of schema 2 (SQLite `application_id`,
    /// `meta`), passes SQLite's `quick_check`, and every row has the schema's types.
    case store = "store"
    /// Every membership document in the store verifies against the trust anchor (signature only:
    /// expiry does not matter for history) and is stored under its own version.
    case membership = "membership"
    /// An origin's seqs run 1, 2, 3, … without a gap.
    case sequence = "sequence"
    /// Each event's `prev_hash` is the hash of the event before it (32 zero bytes for seq 1).
    case chain = "chain"
    /// The event hash recomputed from the row equals the stored `hash` column.
    case eventHash = "event-hash"
    /// SHA-256 of every present (non-empty) payload equals its `payload_hash`.
    case payloadHash = "payload-hash"
    /// Each checkpoint's `event_hash` is the hash of the event at its seq (which must be held).
    case checkpointHash = "checkpoint-hash"
    /// Each checkpoint's signature verifies with its origin's key `key_id`, from any membership
    /// version in the store.
    case checkpointSignature = "checkpoint-signature"
    /// An origin's last event is covered by a checkpoint at its seq.
    case checkpointContinuity = "checkpoint-continuity"
    /// Each present payload from another origin was allowed for the store's department by the
    /// membership version recorded with it.
    case dataRights = "data-rights"

    /// What the check establishes, in a few words.
    public var summary: String {
        switch self {
        case .store: "readable JointSupervision store, schema 2"
        case .membership: "membership documents signed by the anchor"
        case .sequence: "seqs 1…n without gap"
        case .chain: "prev_hash links"
        case .eventHash: "recomputed event hash = stored hash"
        case .payloadHash: "present payloads match payload_hash"
        case .checkpointHash: "checkpoint event_hash = event's hash"
        case .checkpointSignature: "checkpoint signatures"
        case .checkpointContinuity: "last event covered by a checkpoint"
        case .dataRights: "foreign payloads allowed by their membership"
        }
    }
}
