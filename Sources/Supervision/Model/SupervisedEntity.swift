/// A supervised business or venue (监管对象), identified by its unified social credit code.
public struct SupervisedEntity: Hashable, Sendable, Codable {
    /// The unified social credit code.
    public var code: CreditCode
    /// Registered name.
    public var name: String
    /// Industry, which selects the joint-supervision scenario.
    public var industry: IndustryID
    /// District.
    public var district: DistrictID
    /// Address of the premises.
    public var address: String
    /// Risk class per supervising department; a department absent here does not supervise the entity.
    public var riskClasses: [DepartmentID: RiskClass]

    /// Creates an entity.
    public init(
        code: CreditCode, name: String, industry: IndustryID, district: DistrictID, address: String,
        riskClasses: [DepartmentID: RiskClass]
    ) {
        self.code = code
        self.name = name
        self.industry = industry
        self.district = district
        self.address = address
        self.riskClasses = riskClasses
    }
}
