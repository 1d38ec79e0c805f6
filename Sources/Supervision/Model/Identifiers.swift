/// A department of the bus, e.g. `market`, `fire`, `culture`, `education`.
public struct DepartmentID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }

    /// Market regulation (市场监管).
    public static let market: DepartmentID = "market"
    /// Fire and rescue (消防救援).
    public static let fire: DepartmentID = "fire"
    /// Culture and tourism enforcement (文旅/文化市场综合执法).
    public static let culture: DepartmentID = "culture"
    /// Education (教育).
    public static let education: DepartmentID = "education"
    /// Civil affairs (民政).
    public static let civil: DepartmentID = "civil"
    /// Health (卫健).
    public static let health: DepartmentID = "health"
    /// Public security (公安).
    public static let police: DepartmentID = "police"
    /// Sports (体育).
    public static let sports: DepartmentID = "sports"
    /// Commerce (商务).
    public static let commerce: DepartmentID = "commerce"
    /// Emergency management (应急).
    public static let emergency: DepartmentID = "emergency"
    /// Housing and construction (住建).
    public static let housing: DepartmentID = "housing"
    /// Transport (交通).
    public static let transport: DepartmentID = "transport"
}

/// An industry of a supervised entity, e.g. `escape-room`, `training`, `restaurant`.
public struct IndustryID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A district, e.g. `pudong`, `huangpu`.
public struct DistrictID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A checklist item, e.g. `fire.evacuation-routes`.
public struct ChecklistItemID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A category of checklist items, the key of referral routing, e.g. `fire-safety`.
public struct ItemCategory: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A joint-supervision scenario, e.g. `escape-rooms`.
public struct ScenarioID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A pseudonymous inspector id (never a name or a badge number), e.g. `fire-0042`.
public struct InspectorID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A qualification an inspector holds, e.g. `law-enforcement`, `fire-inspection`.
public struct Qualification: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A kind of measured quantity, e.g. `detectors-broken-per-floor`, `route-obstructed-percent`.
public struct MeasureKind: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A rule identifier, e.g. `fire.np.detectors`.
public struct RuleID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A finding identifier, unique within the recording department.
public struct FindingID: Identifier {
    /// The raw text.
    public let rawValue: String
    /// Creates the identifier from validated text.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}
