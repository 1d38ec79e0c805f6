/// The result of an import: what was taken, and every rejected row with its reason. When any
/// row is rejected nothing is imported.
public struct ImportReport: Hashable, Sendable, Codable {
    /// A rejected row.
    public struct Rejection: Hashable, Sendable, Codable {
        /// 1-based line (CSV, header is line 1) or element index (JSON, from 1).
        public var row: Int
        /// What is wrong and how to fix it.
        public var reason: String
    }

    /// `register` or `roster`.
    public var kind: String
    /// Rows read.
    public var rows: Int
    /// Rows imported (0 when any was rejected).
    public var imported: Int
    /// Rejected rows.
    public var rejected: [Rejection]
}
