import Foundation
import Supervision

/// A department's own data: the register of entities it knows (with its risk classes) and its
/// inspector roster. Kept as one JSON file in the agent's data directory, replaced atomically.
///
/// An agent's register holds only the entities within its jurisdiction (``area``): a district
/// bureau's, its district's; a city department's, the whole city's.
public struct DepartmentData: Sendable, Codable {
    /// The owning department's kind (the risk column it sets, the roster it keeps).
    public var department: DepartmentID
    /// The agent's jurisdiction; `nil` (older files): the city.
    public var area: Area?
    /// Where the data came from (`generated:…` or `imported`).
    public var source: String
    /// Entities, any order.
    public var entities: [SupervisedEntity]
    /// The department's inspectors.
    public var inspectors: [Inspector]

    /// Makes the data.
    public init(
        department: DepartmentID, area: Area = .city, source: String, entities: [SupervisedEntity],
        inspectors: [Inspector]
    ) {
        self.department = department
        self.area = area.level == .city ? nil : area
        self.source = source
        self.entities = entities
        self.inspectors = inspectors
    }

    /// The file name in the data directory.
    public static let fileName = "department-data.json"

    /// Sample data: a seeded synthetic city (every agent with the same settings gets the same
    /// register), with the entities within `area` and this department kind's part of the roster.
    /// An `agent` other than the kind (a district bureau, `pudong-market`) gets inspectors of
    /// its own, named after it (`pudong-market-0001`), not the city department's.
    public static func generated(
        for department: DepartmentID, agent: DepartmentID? = nil, area: Area = .city, entities: Int, seed: UInt64
    ) throws -> DepartmentData {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: entities, seed: seed))
        var inspectors = city.inspectors.filter { $0.department == department }
        if let agent, agent != department {
            inspectors = inspectors.map { inspector in
                var own = inspector
                let suffix = inspector.id.rawValue.dropFirst(department.rawValue.count)
                own.id = InspectorID(rawValue: agent.rawValue + suffix) ?? inspector.id
                return own
            }
        }
        return DepartmentData(
            department: department, area: area, source: "generated:entities=\(entities),seed=\(seed)",
            entities: city.register.filter { Self.holds(area: area, $0) }, inspectors: inspectors)
    }

    /// Whether an agent of `area` holds `entity` (its district lies within the area).
    public static func holds(area: Area, _ entity: SupervisedEntity) -> Bool {
        guard let placed = try? Area(entity.district.rawValue) else { return area.level == .city }
        return Placements.holds(agentArea: area, entityArea: placed)
    }

    /// Loads the file in `directory`, or creates it from sample data when absent.
    public static func loadOrGenerate(
        directory: String, department: DepartmentID, agent: DepartmentID? = nil, area: Area = .city, entities: Int,
        seed: UInt64
    ) throws -> DepartmentData {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                var loaded = try JSONDecoder().decode(DepartmentData.self, from: Data(contentsOf: url))
                loaded.area = area.level == .city ? nil : area
                return loaded
            } catch {
                throw AgentError(
                    .invalidData,
                    "department data \(url.path) is unreadable (\(error)); restore it or remove it to regenerate sample data"
                )
            }
        }
        let data = try generated(for: department, agent: agent, area: area, entities: entities, seed: seed)
        try data.save(directory: directory)
        return data
    }

    /// Writes the file atomically (a reader sees the old or the new data, never half).
    public func save(directory: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// The register built from ``entities`` within ``area``.
    public func register() throws -> Register {
        let area = self.area ?? .city
        return try Register(entities: area.level == .city ? entities : entities.filter { Self.holds(area: area, $0) })
    }
}
