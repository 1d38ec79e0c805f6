/// A register of supervised entities, sorted by credit code, with each department's risk class.
///
/// Stored column by column (codes, industry and district indices, names and addresses as UTF-8
/// buffers, one risk-class byte per entity per department), so that 3.3 million entities fit in a
/// few hundred megabytes and scans are cache-friendly. Elements are materialised as
/// ``SupervisedEntity`` values on access. Position `i` is the i-th smallest credit code.
public struct Register: Sendable, RandomAccessCollection {
    /// Credit codes in ascending order.
    public private(set) var codes: [CreditCode]
    /// The distinct industries; ``industryIndex(at:)`` indexes this table.
    public let industries: [IndustryID]
    /// The distinct districts; ``districtIndex(at:)`` indexes this table.
    public let districts: [DistrictID]
    /// The departments with a risk column, sorted.
    public let departments: [DepartmentID]

    var industryColumn: [UInt16]
    var districtColumn: [UInt16]
    var names: TextColumn
    var addresses: TextColumn
    /// One column per department (same order as `departments`): 0 = not supervised, 1…4 = A…D.
    var riskColumns: [[UInt8]]

    /// Builds a register from entities in any order.
    ///
    /// Throws ``SupervisionError/Code/duplicate`` when two entities share a credit code.
    public init(entities: some Sequence<SupervisedEntity>) throws {
        let list = entities.sorted { $0.code < $1.code }
        for i in list.indices.dropFirst() where list[i].code == list[i - 1].code {
            throw SupervisionError(
                .duplicate, "credit code \(list[i].code) appears twice in the register: merge the two records")
        }
        let industries = Array(Set(list.map(\.industry))).sorted()
        let districts = Array(Set(list.map(\.district))).sorted()
        let departments = Array(Set(list.flatMap(\.riskClasses.keys))).sorted()
        let industryIndex = Dictionary(uniqueKeysWithValues: industries.enumerated().map { ($1, UInt16($0)) })
        let districtIndex = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1, UInt16($0)) })
        var names = TextColumn()
        var addresses = TextColumn()
        var risk = [[UInt8]](repeating: [UInt8](repeating: 0, count: list.count), count: departments.count)
        for (i, e) in list.enumerated() {
            names.append(e.name)
            addresses.append(e.address)
            for (d, department) in departments.enumerated() {
                risk[d][i] = e.riskClasses[department]?.level ?? 0
            }
        }
        self.init(
            codes: list.map(\.code), industries: industries, districts: districts,
            departments: departments, industryColumn: list.map { industryIndex[$0.industry]! },
            districtColumn: list.map { districtIndex[$0.district]! }, names: names,
            addresses: addresses, riskColumns: risk)
    }

    init(
        codes: [CreditCode], industries: [IndustryID], districts: [DistrictID],
        departments: [DepartmentID], industryColumn: [UInt16], districtColumn: [UInt16],
        names: TextColumn, addresses: TextColumn, riskColumns: [[UInt8]]
    ) {
        self.codes = codes
        self.industries = industries
        self.districts = districts
        self.departments = departments
        self.industryColumn = industryColumn
        self.districtColumn = districtColumn
        self.names = names
        self.addresses = addresses
        self.riskColumns = riskColumns
    }

    /// 0.
    public var startIndex: Int { 0 }
    /// The number of entities.
    public var endIndex: Int { codes.count }

    /// The entity at `position`.
    public subscript(position: Int) -> SupervisedEntity {
        var classes: [DepartmentID: RiskClass] = [:]
        for (d, department) in departments.enumerated() {
            if let c = RiskClass(level: riskColumns[d][position]) { classes[department] = c }
        }
        return SupervisedEntity(
            code: codes[position], name: names[position], industry: industry(at: position),
            district: districts[Int(districtColumn[position])], address: addresses[position],
            riskClasses: classes)
    }

    /// The position of `code`, by binary search.
    public func position(of code: CreditCode) -> Int? {
        var lo = 0
        var hi = codes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if codes[mid] < code { lo = mid + 1 } else { hi = mid }
        }
        return lo < codes.count && codes[lo] == code ? lo : nil
    }

    /// Positions of many codes at once (`nil` where not registered), in the order given.
    ///
    /// Sorts the codes and walks the register with galloping search, so a few hundred thousand
    /// look-ups cost one pass instead of that many cache-missing binary searches.
    public func positions(of wanted: [CreditCode]) -> [Int?] {
        var order = wanted.indices.map { (code: wanted[$0].packed, index: Int32($0)) }
        order.sort { $0.code < $1.code }
        var out = [Int?](repeating: nil, count: wanted.count)
        var lo = 0
        for (packed, index) in order {
            // Gallop forward from `lo` to bracket the code, then binary search inside.
            var step = 1
            var hi = lo
            while hi < codes.count, codes[hi].packed < packed {
                lo = hi + 1
                hi = Swift.min(codes.count, hi + step)
                step *= 2
            }
            var a = lo
            var b = Swift.min(hi + 1, codes.count)
            while a < b {
                let mid = (a + b) / 2
                if codes[mid].packed < packed { a = mid + 1 } else { b = mid }
            }
            lo = a
            if a < codes.count, codes[a].packed == packed { out[Int(index)] = a }
        }
        return out
    }

    /// The entity with `code`, if registered.
    public func entity(_ code: CreditCode) -> SupervisedEntity? {
        position(of: code).map { self[$0] }
    }

    /// The industry at `position`.
    public func industry(at position: Int) -> IndustryID { industries[Int(industryColumn[position])] }
    /// Index into ``industries`` of the entity at `position`.
    public func industryIndex(at position: Int) -> Int { Int(industryColumn[position]) }
    /// The district at `position`.
    public func district(at position: Int) -> DistrictID { districts[Int(districtColumn[position])] }
    /// Index into ``districts`` of the entity at `position`.
    public func districtIndex(at position: Int) -> Int { Int(districtColumn[position]) }

    /// The risk class `department` gives the entity at `position`, or `nil` if it does not supervise it.
    public func riskClass(at position: Int, for department: DepartmentID) -> RiskClass? {
        guard let d = departmentColumn(department) else { return nil }
        return RiskClass(level: riskColumns[d][position])
    }

    /// Number of entities `department` supervises.
    public func supervisedCount(by department: DepartmentID) -> Int {
        guard let d = departmentColumn(department) else { return 0 }
        return riskColumns[d].reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
    }

    func departmentColumn(_ department: DepartmentID) -> Int? {
        departments.firstIndex(of: department)
    }

    /// A copy with the risk changes applied (each change's `to` class replaces the current one).
    ///
    /// Throws ``SupervisionError/Code/unknownEntity`` or ``SupervisionError/Code/unknownDepartment``
    /// for a change about an entity or department the register does not have.
    public func applying(_ changes: [RiskChange]) throws -> Register {
        var copy = self
        for change in changes {
            guard let p = position(of: change.entity) else {
                throw SupervisionError(.unknownEntity, "risk change for \(change.entity), which is not in the register")
            }
            guard let d = departmentColumn(change.department) else {
                throw SupervisionError(
                    .unknownDepartment, "risk change by \(change.department), which has no risk column in the register")
            }
            copy.riskColumns[d][p] = change.to.level
        }
        return copy
    }
}
