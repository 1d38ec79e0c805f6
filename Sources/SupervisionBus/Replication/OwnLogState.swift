/// Where a node stands with its own log (Protocols/spec/1-JSB.md, "Own-log recovery").
///
/// A store may be older than the log it belongs to: restored from a backup, replaced after a
/// lost disk, or copied to a second machine. Appending on it would sign new events at seqs its
/// peers already hold with other hashes. So a node starts ``recovering``: it appends nothing
/// until every peer has told it what it holds of this node's log and it has fetched all of it.
public enum OwnLogState: Sendable, Hashable, Codable {
    /// Waiting to hear from `waitingFor`, or to fetch this node's own log up to `target`.
    case recovering(waitingFor: [String], held: UInt64, target: UInt64)
    /// Appends are allowed.
    case recovered
    /// Another writer signed this department's log (a second live process with its keys, or a
    /// restore that raced with the old store): appends are refused until an operator acts.
    case conflicted(reason: String)

    /// Whether appends are allowed.
    public var allowsAppends: Bool { self == .recovered }

    /// A sentence for operators.
    public var summary: String {
        switch self {
        case .recovered:
            return "recovered"
        case .recovering(let waiting, let held, let target):
            if waiting.isEmpty { return "recovering: fetching own log, \(held) of \(target)" }
            return
                "recovering: waiting to hear from \(waiting.joined(separator: ", ")) (own log held to \(held), peers hold \(target))"
        case .conflicted(let reason):
            return "conflicted: \(reason)"
        }
    }
}
