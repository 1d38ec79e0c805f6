/// How often one check ran during an audit.
public struct AuditTally: Sendable, Codable, Hashable {
    /// The check.
    public var check: AuditCheck
    /// Items checked (passed + failed).
    public var checked: Int
    /// Items that failed.
    public var failed: Int
    /// Items that could not be decided and are not breaks themselves: for data rights, events
    /// recorded before schema 2 (membership version 0); for the chain, an event right after a gap
    /// or an unreadable row; for chain, event and checkpoint hashes, a row of the wrong types
    /// (itself a `store` break).
    public var unknown: Int

    /// Creates a tally.
    public init(check: AuditCheck, checked: Int = 0, failed: Int = 0, unknown: Int = 0) {
        self.check = check
        self.checked = checked
        self.failed = failed
        self.unknown = unknown
    }

    /// Items that passed.
    public var passed: Int { checked - failed }
}
