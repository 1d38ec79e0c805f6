/// Share of each risk class to draw, in basis points (1/100 of a percent, 10000 = 100%).
///
/// Integers, so that every implementation computes the same target count:
/// `k = ceil(n × rate / 10000)` for `n` candidates in the class.
public struct DrawRates: Hashable, Sendable, Codable {
    /// Rate for class A (low risk).
    public let a: Int
    /// Rate for class B.
    public let b: Int
    /// Rate for class C.
    public let c: Int
    /// Rate for class D (high risk).
    public let d: Int

    /// DOMAIN.md defaults per year: D 100%, C 100%, B 5%, A 2%.
    public static let `default` = try! DrawRates(a: 200, b: 500, c: 10_000, d: 10_000)

    /// Creates rates; each must be in 0…10000 (``SupervisionError/Code/invalidParameter``).
    public init(a: Int, b: Int, c: Int, d: Int) throws {
        for (name, v) in [("A", a), ("B", b), ("C", c), ("D", d)] where !(0...10_000).contains(v) {
            throw SupervisionError(
                .invalidParameter, "rate for class \(name) is \(v) basis points; use 0...10000 (10000 = 100%)")
        }
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// Yearly rates prorated to `period`: `ceil(rate × days in period / days in its year)`,
    /// at most 10000, so a quarter draws about a quarter of a yearly rate (D 100 % a year: 25 %
    /// each quarter). A period of a year or more keeps the yearly rates.
    public func prorated(to period: DateRange) -> DrawRates {
        let year = period.start.year
        let daysInYear = CivilDate.daysIn(month: 2, year: year) == 29 ? 366 : 365
        let days = min(period.dayCount, daysInYear)
        func scale(_ rate: Int) -> Int { min(10_000, (rate * days + daysInYear - 1) / daysInYear) }
        return try! DrawRates(a: scale(a), b: scale(b), c: scale(c), d: scale(d))
    }

    /// The same rate for every class.
    public init(uniform basisPoints: Int) throws {
        try self.init(a: basisPoints, b: basisPoints, c: basisPoints, d: basisPoints)
    }

    /// The rate of `riskClass`.
    public func rate(for riskClass: RiskClass) -> Int {
        switch riskClass {
        case .a: a
        case .b: b
        case .c: c
        case .d: d
        }
    }

    /// `ceil(candidates × rate / 10000)`.
    public func targetCount(candidates: Int, riskClass: RiskClass) -> Int {
        (candidates * rate(for: riskClass) + 9_999) / 10_000
    }

    private enum CodingKeys: String, CodingKey { case a = "A", b = "B", c = "C", d = "D" }

    /// Decodes `{"A": 200, "B": 500, "C": 10000, "D": 10000}` and validates.
    public init(from decoder: any Decoder) throws {
        let k = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                a: k.decode(Int.self, forKey: .a), b: k.decode(Int.self, forKey: .b),
                c: k.decode(Int.self, forKey: .c), d: k.decode(Int.self, forKey: .d))
        } catch let error as SupervisionError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes `{"A": …, "B": …, "C": …, "D": …}`.
    public func encode(to encoder: any Encoder) throws {
        var k = encoder.container(keyedBy: CodingKeys.self)
        try k.encode(a, forKey: .a)
        try k.encode(b, forKey: .b)
        try k.encode(c, forKey: .c)
        try k.encode(d, forKey: .d)
    }
}
