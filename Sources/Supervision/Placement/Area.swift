/// Where a department's authority runs, as the domain sees it (市、区、街镇三级): the whole
/// city, a district (`pudong`), or a sub-district of one (`pudong/lujiazui`).
///
/// The bus names the same thing a jurisdiction; the domain keeps its own type so that it stays
/// free of the bus. Areas compare by their text, so every implementation sorts them alike.
public struct Area: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// A level of government.
    public enum Level: Int, Hashable, Comparable, Sendable, CaseIterable {
        /// 市: the city.
        case city = 0
        /// 区: a district.
        case district = 1
        /// 街镇: a sub-district or town.
        case subdistrict = 2

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// The district, `nil` for the city.
    public let district: DistrictID?
    /// The sub-district within ``district``, `nil` above that level.
    public let subdistrict: DistrictID?

    /// The whole city.
    public static let city = Area(district: nil, subdistrict: nil)

    private init(district: DistrictID?, subdistrict: DistrictID?) {
        self.district = district
        self.subdistrict = subdistrict
    }

    /// A district.
    public init(district: DistrictID) { self.init(district: district, subdistrict: nil) }

    /// A sub-district of `district`.
    public init(district: DistrictID, subdistrict: DistrictID) {
        self.init(district: district, subdistrict: Optional(subdistrict))
    }

    /// Parses `""` (the city), `pudong` or `pudong/lujiazui`; throws
    /// ``SupervisionError/Code/invalidIdentifier`` for anything else.
    public init(_ text: String) throws {
        if text.isEmpty {
            self = .city
            return
        }
        let names = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard names.count <= 2, names.allSatisfy(Self.isValidName) else {
            throw SupervisionError(
                .invalidIdentifier,
                "'\(text)' is not an area: a district ([a-z0-9-]{1,32}), district/sub-district, or empty for the city")
        }
        let district = DistrictID(validated: names[0])
        self =
            names.count == 1
            ? Area(district: district) : Area(district: district, subdistrict: .init(validated: names[1]))
    }

    /// Whether `name` is a valid district or sub-district name: `[a-z0-9-]{1,32}`.
    public static func isValidName(_ name: String) -> Bool {
        (1...32).contains(name.utf8.count)
            && name.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
    }

    /// Its level.
    public var level: Level { district == nil ? .city : subdistrict == nil ? .district : .subdistrict }

    /// The area one level up (`nil` for the city).
    public var parent: Area? {
        guard let district else { return nil }
        return subdistrict == nil ? .city : Area(district: district)
    }

    /// It and every area above it, nearest first, the city last.
    public var lineage: [Area] {
        var out = [self]
        while let up = out.last!.parent { out.append(up) }
        return out
    }

    /// Whether `other` lies within this area (or is it).
    public func contains(_ other: Area) -> Bool {
        guard let district else { return true }
        guard other.district == district else { return false }
        return subdistrict == nil || other.subdistrict == subdistrict
    }

    /// `""`, `pudong` or `pudong/lujiazui`.
    public var description: String {
        [district?.rawValue, subdistrict?.rawValue].compactMap { $0 }.joined(separator: "/")
    }

    public static func < (a: Area, b: Area) -> Bool { a.description < b.description }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
