/// Settings of the synthetic register.
public struct GeneratorConfiguration: Hashable, Sendable, Codable {
    /// Number of entities (100…5,000,000).
    public var entities: Int
    /// Seed of the generator.
    public var seed: UInt64
    /// Departments that get risk columns and rosters.
    public var departments: [DepartmentID]
    /// Risk-class mix in per mille for A, B, C, D (default 600, 360, 30, 10).
    public var riskMix: [Int]
    /// Percent of departments that share the entity's base class (correlated risk; default 70).
    public var riskCorrelation: Int
    /// Supervised entities per inspector, which sizes rosters (default 400).
    public var entitiesPerInspector: Int
    /// Per mille of inspectors with declared conflicts of interest (default 50).
    public var conflictRate: Int

    /// Creates a configuration; throws ``SupervisionError/Code/invalidParameter`` out of range.
    public init(
        entities: Int, seed: UInt64 = 2026, departments: [DepartmentID] = CityProfile.coreDepartments,
        riskMix: [Int] = [600, 360, 30, 10], riskCorrelation: Int = 70, entitiesPerInspector: Int = 400,
        conflictRate: Int = 50
    ) throws {
        guard (100...5_000_000).contains(entities) else {
            throw SupervisionError(.invalidParameter, "entities is \(entities); the generator makes 100...5,000,000")
        }
        guard riskMix.count == 4, riskMix.allSatisfy({ $0 >= 0 }), riskMix.reduce(0, +) == 1000 else {
            throw SupervisionError(
                .invalidParameter, "riskMix needs four per-mille shares (A, B, C, D) summing to 1000")
        }
        guard !departments.isEmpty, (0...100).contains(riskCorrelation), entitiesPerInspector >= 1,
            (0...1000).contains(conflictRate)
        else {
            throw SupervisionError(
                .invalidParameter,
                "need departments, riskCorrelation 0...100, entitiesPerInspector ≥ 1, conflictRate 0...1000")
        }
        self.entities = entities
        self.seed = seed
        self.departments = departments
        self.riskMix = riskMix
        self.riskCorrelation = riskCorrelation
        self.entitiesPerInspector = entitiesPerInspector
        self.conflictRate = conflictRate
    }
}

/// A generated city: its register and the departments' inspectors.
public struct GeneratedCity: Sendable {
    /// The register.
    public var register: Register
    /// Inspectors of every configured department, sorted by id.
    public var inspectors: [Inspector]
}

/// A seeded generator of realistic registers: valid GB 32100 credit codes (authority 9, type 1
/// enterprise or 2 individual business, a Shanghai district's division code, a GB 11714
/// organisation code), names and addresses, industries and correlated risk classes, and rosters.
/// Same configuration, same city. 3.3 million entities take about a second (release build).
public enum RegisterGenerator {
    private static let orgWeights = [3, 7, 9, 10, 5, 8, 4, 2]
    private static let brands: [[UInt8]] = [
        "恒瑞", "华盛", "鑫源", "东方", "金桥", "新华", "申江", "浦江", "海纳", "博雅", "嘉禾", "瑞丰", "天成", "永安",
        "正和", "明德", "同济", "康乐", "万象", "锦程", "兴业", "宏图", "云帆", "星河", "长青", "益民", "安泰", "润和",
        "启航", "乐享", "欣悦", "晨光",
    ].map { Array($0.utf8) }
    private static let roads: [[UInt8]] = [
        "南京东路", "淮海中路", "世纪大道", "张杨路", "虹桥路", "延安西路", "四川北路", "控江路", "沪闵路", "牡丹江路",
        "城中路", "人民北路", "中山北路", "曹杨路", "长寿路", "公园路", "新松江路", "东方路", "浦东南路", "漕溪北路",
        "肇嘉浜路", "天山路", "武宁路", "大连路", "共和新路", "宝杨路", "华夏中路", "百色路",
    ].map { Array($0.utf8) }

    /// Generates a city.
    public static func generate(_ config: GeneratorConfiguration) throws -> GeneratedCity {
        var rng = SeededGenerator(seed: config.seed)
        let n = config.entities
        let districts = CityProfile.districts
        let districtCumulative = cumulative(districts.map(\.weight))
        let divisionValues: [[Int]] = districts.map { $0.divisionCode.utf8.map { Int($0 - 48) } }

        // Credit codes: unique organisation-code bodies from a bijection on 0..<10^8.
        var multiplier = UInt64(rng.below(40_000_000)) * 2 + 1_000_001
        while multiplier % 5 == 0 { multiplier += 2 }
        let offset = UInt64(rng.below(100_000_000))
        var codes = [CreditCode](repeating: CreditCode(packed: 0), count: n)
        var digits = [Int](repeating: 0, count: 17)
        for i in 0..<n {
            let d = pick(&rng, districtCumulative)
            digits[0] = 9
            digits[1] = rng.below(100) < 70 ? 1 : 2
            for k in 0..<6 { digits[2 + k] = divisionValues[d][k] }
            var body = (UInt64(i) &* multiplier &+ offset) % 100_000_000
            var sum = 0
            for k in stride(from: 7, through: 0, by: -1) {
                let v = Int(body % 10)
                body /= 10
                digits[8 + k] = v
                sum += v * orgWeights[k]
            }
            let check = 11 - sum % 11
            digits[16] = check == 11 ? 0 : check == 10 ? 29 : check  // 29 is the value of X
            var packed: UInt128 = 0
            for v in digits { packed = packed << 5 | UInt128(v) }
            packed = packed << 5 | UInt128(CreditCode.checkValue(digits[...]))
            codes[i] = CreditCode(packed: packed)
        }
        codes.sort()

        // Attributes in code order.
        let industries = CityProfile.industries
        let industryCumulative = cumulative(industries.map(\.weight))
        let departments = config.departments.sorted()
        let supervises: [[Bool]] = industries.map { industry in departments.map { industry.departments.contains($0) } }
        let riskCumulative = cumulative(config.riskMix)
        var divisionIndex: [UInt64: Int] = [:]
        for (i, dv) in divisionValues.enumerated() { divisionIndex[dv.reduce(0) { $0 << 5 | UInt64($1) }] = i }
        let districtNames = districts.map { Array($0.nameZh.utf8) }
        let districtShort = districts.map { Array($0.nameZh.replacingSuffix().utf8) }
        let industryNames = industries.map { Array($0.nameZh.utf8) }
        let company = Array("有限公司".utf8)
        let shop = Array("店".utf8)
        let city = Array("上海市".utf8)
        let number = Array("号".utf8)

        var industryColumn = [UInt16](repeating: 0, count: n)
        var districtColumn = [UInt16](repeating: 0, count: n)
        var risk = [[UInt8]](repeating: [UInt8](repeating: 0, count: n), count: departments.count)
        var names = TextColumn(reservingCount: n, bytes: n * 30)
        var addresses = TextColumn(reservingCount: n, bytes: n * 40)
        for p in 0..<n {
            let packed = codes[p].packed
            let d = divisionIndex[UInt64(truncatingIfNeeded: packed >> 50) & (1 << 30 - 1)]!
            let individual = (packed >> 80) & 31 == 2
            let industry = pick(&rng, industryCumulative)
            industryColumn[p] = UInt16(industry)
            districtColumn[p] = UInt16(d)
            let base = UInt8(pick(&rng, riskCumulative) + 1)
            for k in 0..<departments.count where supervises[industry][k] {
                risk[k][p] = rng.below(100) < config.riskCorrelation ? base : UInt8(pick(&rng, riskCumulative) + 1)
            }
            names.appendBytes(districtShort[d])
            names.appendBytes(brands[rng.below(brands.count)])
            names.appendBytes(industryNames[industry])
            names.appendBytes(individual ? shop : company)
            names.endString()
            addresses.appendBytes(city)
            addresses.appendBytes(districtNames[d])
            addresses.appendBytes(roads[rng.below(roads.count)])
            addresses.appendDecimal(1 + rng.below(1999))
            addresses.appendBytes(number)
            addresses.endString()
        }
        let register = Register(
            codes: codes, industries: industries.map(\.id), districts: districts.map(\.id), departments: departments,
            industryColumn: industryColumn, districtColumn: districtColumn, names: names, addresses: addresses,
            riskColumns: risk)
        let inspectors = roster(register: register, departments: departments, config: config, rng: &rng)
        return GeneratedCity(register: register, inspectors: inspectors)
    }

    private static func roster(
        register: Register, departments: [DepartmentID], config: GeneratorConfiguration, rng: inout SeededGenerator
    ) -> [Inspector] {
        var out: [Inspector] = []
        for (k, department) in departments.enumerated() {
            let column = register.riskColumns[k]
            let supervised = column.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
            let size = max(6, (supervised + config.entitiesPerInspector - 1) / config.entitiesPerInspector)
            for i in 0..<size {
                var inspector = Inspector(
                    id: InspectorID(validated: "\(department)-\(pad(i + 1))"), department: department,
                    qualifications: ["law-enforcement", Qualification(validated: "\(department)-inspection")])
                if supervised > 0, rng.below(1000) < config.conflictRate {
                    for _ in 0..<(1 + rng.below(2)) {
                        for _ in 0..<64 {
                            let p = rng.below(column.count)
                            if column[p] != 0 {
                                inspector.conflicts.insert(register.codes[p])
                                break
                            }
                        }
                    }
                }
                out.append(inspector)
            }
        }
        return out.sorted { $0.id < $1.id }
    }

    private static func pad(_ v: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, 5 - s.count)) + s
    }

    private static func cumulative(_ weights: [Int]) -> [Int] {
        var total = 0
        return weights.map {
            total += $0
            return total
        }
    }

    private static func pick(_ rng: inout SeededGenerator, _ cumulative: [Int]) -> Int {
        let x = rng.below(cumulative.last!)
        var i = 0
        while cumulative[i] <= x { i += 1 }
        return i
    }
}

extension String {
    /// "浦东新区" → "浦东", "黄浦区" → "黄浦".
    fileprivate func replacingSuffix() -> String {
        if hasSuffix("新区") { return String(dropLast(2)) }
        if hasSuffix("区") { return String(dropLast()) }
        return self
    }
}
