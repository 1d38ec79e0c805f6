/// A credit/risk class (信用风险分类), set per department: A is the lowest risk, D the highest.
public enum RiskClass: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
    /// Low risk.
    case a = "A"
    /// Moderate risk.
    case b = "B"
    /// Elevated risk.
    case c = "C"
    /// High risk.
    case d = "D"

    /// 1 for A … 4 for D; the value stored in compact registers.
    public var level: UInt8 {
        switch self {
        case .a: 1
        case .b: 2
        case .c: 3
        case .d: 4
        }
    }

    /// The class for a level 1…4.
    public init?(level: UInt8) {
        switch level {
        case 1: self = .a
        case 2: self = .b
        case 3: self = .c
        case 4: self = .d
        default: return nil
        }
    }

    /// One class riskier (D stays D).
    public var worse: RiskClass { RiskClass(level: min(level + 1, 4))! }
    /// One class less risky (A stays A).
    public var better: RiskClass { RiskClass(level: max(level - 1, 1))! }

    /// Orders by risk: A < B < C < D.
    public static func < (lhs: RiskClass, rhs: RiskClass) -> Bool { lhs.level < rhs.level }
}
