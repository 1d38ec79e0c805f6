/// One department's roster as the inspector draw reads it, in a canonical text encoding whose
/// SHA-256 draw records and assignments commit to (`roster_hash`).
///
/// The encoding (UTF-8, every line ending in `\n`):
///
///     JS-ROSTER-SNAPSHOT-v1
///     department=<department id>
///     <inspector id>,<qualifications>,<conflicts>,<last inspected>
///     …
///
/// one line per inspector of the department, sorted by id (byte order); each list is sorted
/// (byte order) and `;`-joined, empty when there is none. `conflicts` are the credit codes of
/// declared conflicts of interest, `last inspected` the credit codes for which the inspector was
/// the department's last inspector (rotation): the draw recuses the inspector from both. The
/// hash is the lower-case hex SHA-256 of the bytes.
public struct RosterSnapshot: Hashable, Sendable {
    /// The header line.
    public static let header = "JS-ROSTER-SNAPSHOT-v1"

    /// The department.
    public let department: DepartmentID
    /// Its inspectors, sorted by id.
    public let inspectors: [Inspector]
    /// The canonical encoding.
    public let canonicalBytes: [UInt8]
    /// Lower-case hex SHA-256 of ``canonicalBytes``.
    public let hash: String

    /// The snapshot of `department`'s inspectors in `roster` (others are left out).
    ///
    /// Throws ``SupervisionError/Code/duplicate`` when an inspector id appears twice.
    public init(department: DepartmentID, roster: [Inspector]) throws {
        let own = roster.filter { $0.department == department }.sorted { $0.id < $1.id }
        for i in own.indices.dropFirst() where own[i].id == own[i - 1].id {
            throw SupervisionError(.duplicate, "inspector '\(own[i].id)' appears twice in the roster")
        }
        func list<T: Comparable & CustomStringConvertible>(_ set: Set<T>) -> String {
            set.sorted().map(\.description).joined(separator: ";")
        }
        var text = "\(Self.header)\ndepartment=\(department)\n"
        for inspector in own {
            text +=
                "\(inspector.id),\(list(inspector.qualifications)),\(list(inspector.conflicts)),\(list(inspector.lastInspected))\n"
        }
        self.department = department
        self.inspectors = own
        self.canonicalBytes = Array(text.utf8)
        self.hash = Digest.sha256Hex(canonicalBytes)
    }

    /// Parses a canonical encoding; throws ``SupervisionError/Code/invalidParameter`` for anything
    /// that is not exactly the canonical encoding of some roster.
    public init(canonicalBytes bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, lines.removeLast().isEmpty, lines[0] == Self.header, lines[1].hasPrefix("department=")
        else {
            throw SupervisionError(
                .invalidParameter, "not a roster snapshot: it must start with \(Self.header) and department=<id>")
        }
        let department = try DepartmentID(String(lines[1].dropFirst("department=".count)))
        func list(_ field: String) -> [String] { field.split(separator: ";").map(String.init) }
        var roster: [Inspector] = []
        for (i, line) in lines.dropFirst(2).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else {
                throw SupervisionError(
                    .invalidParameter,
                    "roster snapshot line \(i + 3) is not <id>,<qualifications>,<conflicts>,<last inspected>")
            }
            roster.append(
                Inspector(
                    id: try InspectorID(fields[0]), department: department,
                    qualifications: Set(try list(fields[1]).map { try Qualification($0) }),
                    conflicts: Set(try list(fields[2]).map { try CreditCode($0) }),
                    lastInspected: Set(try list(fields[3]).map { try CreditCode($0) })))
        }
        try self.init(department: department, roster: roster)
        guard canonicalBytes == bytes else {
            throw SupervisionError(.invalidParameter, "the roster snapshot is not in canonical form")
        }
    }

    /// The roster with rotation applied: each inspector in `lastInspectors[code]` gets `code`
    /// added to its last-inspected entities, so the draw does not send them there again.
    public func rotating(_ lastInspectors: [CreditCode: Set<InspectorID>]) throws -> RosterSnapshot {
        var byId: [InspectorID: Set<CreditCode>] = [:]
        for (code, ids) in lastInspectors {
            for id in ids { byId[id, default: []].insert(code) }
        }
        return try RosterSnapshot(
            department: department,
            roster: inspectors.map {
                var copy = $0
                copy.lastInspected.formUnion(byId[$0.id] ?? [])
                return copy
            })
    }
}
