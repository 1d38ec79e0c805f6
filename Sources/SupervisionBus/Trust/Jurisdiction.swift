/// Where a member's authority runs, as a path of government levels (市、区、街镇三级): `""` is
/// the city (the whole bus), `pudong` a district, `pudong/lujiazui` a sub-district of it.
/// Each name is `[a-z0-9-]{1,32}`.
public struct Jurisdiction: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// A level of government.
    public enum Level: String, Sendable, Codable, CaseIterable {
        /// 市: the city (depth 0).
        case city
        /// 区: a district (depth 1).
        case district
        /// 街镇: a sub-district or town (depth 2).
        case subdistrict = "sub-district"
    }

    /// The names from the city down: `[]`, `["pudong"]`, `["pudong", "lujiazui"]`.
    public let path: [String]

    /// The whole city.
    public static let city = Jurisdiction(validPath: [])

    /// Parses `pudong/lujiazui`; `nil` if a name is invalid or there are more than two.
    public init?(_ text: String) {
        if text.isEmpty {
            self = .city
            return
        }
        let names = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard names.count <= 2, names.allSatisfy(Membership.isValidDepartmentID) else { return nil }
        path = names
    }

    private init(validPath: [String]) { path = validPath }

    /// Its level, from its depth.
    public var level: Level { path.isEmpty ? .city : path.count == 1 ? .district : .subdistrict }
    /// Whether it is the whole city.
    public var isCity: Bool { path.isEmpty }
    /// The jurisdiction one level up (`nil` for the city).
    public var parent: Jurisdiction? { path.isEmpty ? nil : Jurisdiction(validPath: Array(path.dropLast())) }
    /// It and every jurisdiction above it, nearest first, the city last.
    public var lineage: [Jurisdiction] {
        (0...path.count).reversed().map { Jurisdiction(validPath: Array(path.prefix($0))) }
    }

    /// Whether `other` lies within this jurisdiction (or is it).
    public func contains(_ other: Jurisdiction) -> Bool {
        other.path.count >= path.count && Array(other.path.prefix(path.count)) == path
    }

    public var description: String { path.joined(separator: "/") }

    public static func < (a: Jurisdiction, b: Jurisdiction) -> Bool { a.description < b.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Jurisdiction(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "\"\(text)\" is not a jurisdiction: up to two names [a-z0-9-]{1,32} joined by /, or empty for the city"
                ))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
