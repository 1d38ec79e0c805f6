/// The part of a register that one department's draw reads, in a canonical text encoding whose
/// SHA-256 a draw record commits to (`register_hash`).
///
/// The encoding (UTF-8, every line ending in `\n`, no other whitespace):
///
///     JS-REGISTER-SNAPSHOT-v1
///     department=<department id>
///     <credit code>,<industry>,<district>,<risk class A|B|C|D>
///     …
///
/// with one line per entity the department rates, sorted ascending by credit code. Names and
/// addresses are not part of it: the draw does not read them. Identifiers cannot hold `,` or
/// `\n`, so the encoding is unambiguous. The hash is the lower-case hex SHA-256 of the bytes.
public struct RegisterSnapshot: Hashable, Sendable {
    /// One entity as the draw sees it.
    public struct Row: Hashable, Sendable {
        /// Credit code.
        public var code: CreditCode
        /// Industry.
        public var industry: IndustryID
        /// District.
        public var district: DistrictID
        /// The department's risk class.
        public var riskClass: RiskClass
    }

    /// The header line.
    public static let header = "JS-REGISTER-SNAPSHOT-v1"

    /// The department whose risk classes these are.
    public let department: DepartmentID
    /// Rows sorted by credit code.
    public let rows: [Row]
    /// The canonical encoding.
    public let canonicalBytes: [UInt8]
    /// Lower-case hex SHA-256 of ``canonicalBytes``.
    public let hash: String

    /// The snapshot of `department`'s part of `register`.
    public init(register: Register, department: DepartmentID) {
        var rows: [Row] = []
        if let d = register.departmentColumn(department) {
            let risk = register.riskColumns[d]
            for p in 0..<register.count {
                guard let c = RiskClass(level: risk[p]) else { continue }
                rows.append(
                    Row(
                        code: register.codes[p], industry: register.industry(at: p),
                        district: register.district(at: p), riskClass: c))
            }
        }
        self.init(department: department, sortedRows: rows)
    }

    private init(department: DepartmentID, sortedRows rows: [Row]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(48 + rows.count * 40)
        bytes.append(contentsOf: "\(Self.header)\ndepartment=\(department)\n".utf8)
        for row in rows {
            bytes.append(contentsOf: row.code.utf8)
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: row.industry.rawValue.utf8)
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: row.district.rawValue.utf8)
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: row.riskClass.rawValue.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        self.department = department
        self.rows = rows
        self.canonicalBytes = bytes
        self.hash = Digest.sha256Hex(bytes)
    }

    /// Parses a canonical encoding; throws ``SupervisionError/Code/invalidParameter`` for anything
    /// that is not exactly the canonical encoding of some snapshot (wrong header, bad field,
    /// unsorted or repeated codes).
    public init(canonicalBytes bytes: [UInt8]) throws {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 3, lines.last?.isEmpty == true, String(decoding: lines[0], as: UTF8.self) == Self.header
        else {
            throw SupervisionError(.invalidParameter, "not a register snapshot: it must start with \(Self.header)")
        }
        let departmentLine = String(decoding: lines[1], as: UTF8.self)
        guard departmentLine.hasPrefix("department=") else {
            throw SupervisionError(.invalidParameter, "register snapshot line 2 must be department=<id>")
        }
        let department = try DepartmentID(String(departmentLine.dropFirst("department=".count)))
        var rows: [Row] = []
        for (i, line) in lines.dropFirst(2).dropLast().enumerated() {
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            guard fields.count == 4, let riskClass = RiskClass(rawValue: fields[3]) else {
                throw SupervisionError(
                    .invalidParameter, "register snapshot line \(i + 3) is not <code>,<industry>,<district>,<A-D>")
            }
            let row = Row(
                code: try CreditCode(fields[0]), industry: try IndustryID(fields[1]),
                district: try DistrictID(fields[2]), riskClass: riskClass)
            if let last = rows.last, !(last.code < row.code) {
                throw SupervisionError(.invalidParameter, "register snapshot line \(i + 3): codes must ascend")
            }
            rows.append(row)
        }
        self.init(department: department, sortedRows: rows)
        guard canonicalBytes == bytes else {
            throw SupervisionError(.invalidParameter, "the register snapshot is not in canonical form")
        }
    }

    /// A register holding just these entities (no names or addresses), rated by ``department``
    /// only: ``RandomDraw/draw(_:register:roster:)`` draws from it exactly what it draws from the
    /// full register the snapshot was taken of.
    public func register() throws -> Register {
        try Register(
            entities: rows.map {
                SupervisedEntity(
                    code: $0.code, name: "", industry: $0.industry, district: $0.district, address: "",
                    riskClasses: [department: $0.riskClass])
            })
    }
}
