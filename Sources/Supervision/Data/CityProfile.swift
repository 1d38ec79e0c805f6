/// The synthetic city the generator draws from: Shanghai's 16 districts and an industry mix with
/// the departments that supervise each industry.
public enum CityProfile {
    /// A district: id, administrative division code, Chinese name, weight (share of entities).
    public struct District: Hashable, Sendable {
        /// Identifier.
        public var id: DistrictID
        /// Six-digit division code used in credit codes.
        public var divisionCode: String
        /// Chinese name.
        public var nameZh: String
        /// Relative share of entities.
        public var weight: Int
    }

    /// An industry: id, share (per 100,000 entities), supervising departments, name suffix.
    public struct Industry: Hashable, Sendable {
        /// Identifier.
        public var id: IndustryID
        /// Share per 100,000 entities.
        public var weight: Int
        /// Departments that supervise it (and rate its risk).
        public var departments: [DepartmentID]
        /// Chinese suffix used in generated names.
        public var nameZh: String
    }

    /// The 16 districts of Shanghai.
    public static let districts: [District] = [
        ("huangpu", "310101", "黄浦区", 3), ("xuhui", "310104", "徐汇区", 4), ("changning", "310105", "长宁区", 3),
        ("jingan", "310106", "静安区", 4), ("putuo", "310107", "普陀区", 3), ("hongkou", "310109", "虹口区", 2),
        ("yangpu", "310110", "杨浦区", 3), ("minhang", "310112", "闵行区", 9), ("baoshan", "310113", "宝山区", 7),
        ("jiading", "310114", "嘉定区", 8), ("pudong", "310115", "浦东新区", 22), ("jinshan", "310116", "金山区", 4),
        ("songjiang", "310117", "松江区", 8), ("qingpu", "310118", "青浦区", 7), ("fengxian", "310120", "奉贤区", 8),
        ("chongming", "310151", "崇明区", 4),
    ].map { District(id: DistrictID(validated: $0.0), divisionCode: $0.1, nameZh: $0.2, weight: $0.3) }

    /// Industries: the scenario industries plus common others; weights sum to 100,000.
    public static let industries: [Industry] = {
        let table: [(String, Int, [DepartmentID], String)] = [
            ("restaurant", 9_000, [.market, .fire, .health], "餐饮"),
            ("retail", 26_000, [.market, .commerce], "商贸"),
            ("wholesale", 11_000, [.market, .commerce], "贸易"),
            ("tech-services", 14_000, [.market], "科技"),
            ("business-services", 12_000, [.market], "商务咨询"),
            ("manufacturing", 6_000, [.market, .fire, .emergency], "制造"),
            ("construction", 3_500, [.market, .housing, .emergency], "建设工程"),
            ("logistics", 3_000, [.market, .transport, .emergency], "物流"),
            ("real-estate", 2_000, [.market, .housing], "置业"),
            ("hotel", 800, [.market, .fire, .police, .health], "酒店"),
            ("beauty-salon", 2_500, [.market, .commerce, .health], "美容美发"),
            ("fitness", 600, [.market, .sports, .fire], "健身"),
            ("pharmacy", 700, [.market, .health], "大药房"),
            ("training", 1_200, [.education, .market, .fire, .sports, .culture], "培训"),
            ("escape-room", 60, [.culture, .fire, .market, .police], "密室"),
            ("script-game", 80, [.culture, .fire, .market, .police], "剧本娱乐"),
            ("ktv", 150, [.culture, .fire, .market, .police], "娱乐(KTV)"),
            ("internet-cafe", 100, [.culture, .fire, .market, .police], "网吧"),
            ("elderly-care", 60, [.market, .civil, .fire, .health], "养老院"),
        ]
        var list = table.map {
            Industry(id: IndustryID(validated: $0.0), weight: $0.1, departments: $0.2, nameZh: $0.3)
        }
        let rest = 100_000 - list.reduce(0) { $0 + $1.weight }
        list.append(Industry(id: "other-services", weight: rest, departments: [.market], nameZh: "服务"))
        return list
    }()

    /// The four departments of the first bus.
    public static let coreDepartments: [DepartmentID] = [.market, .fire, .culture, .education]

    /// Twelve departments, core first.
    public static let allDepartments: [DepartmentID] = [
        .market, .fire, .culture, .education, .civil, .health, .police, .sports, .commerce, .emergency, .housing,
        .transport,
    ]
}
