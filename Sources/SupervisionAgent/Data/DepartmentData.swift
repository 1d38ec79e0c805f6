import Foundation
import Supervision

/// A department's own data: the register of entities it knows (with its risk classes) and its
/// inspector roster. Kept as one JSON file in the agent's data directory, replaced atomically.
public struct DepartmentData: Sendable, Codable {
    /// The owning department.
    public var department: DepartmentID
    /// Where the data came from (`generated:…` or `imported`).
    public var source: String
    /// Entities, any order.
    public var entities: [SupervisedEntity]
    /// The department's inspectors.
    public var inspectors: [Inspector]

    /// Makes the data.
    public init(department: DepartmentID, source: String, entities: [SupervisedEntity], inspectors: [Inspector]) {
        self.department = department
        self.source = source
        self.entities = entities
        self.inspectors = inspectors
    }

    /// The file name in the data directory.
    public static let fileName = "department-data.json"

    /// Sample data: a seeded synthetic city (every agent with the same settings gets the same
    /// register), with this department's part of the roster.
    public static func generated(for department: DepartmentID, entities: Int, seed: UInt64) throws -> DepartmentData {
        let city = try RegisterGenerator.generate(GeneratorConfiguration(entities: entities, seed: seed))
        return DepartmentData(
            department: department, source: "generated:entities=\(entities),seed=\(seed)",
            entities: Array(city.register), inspectors: city.inspectors.filter { $0.department == department })
    }

    /// Loads the file in `directory`, or creates it from sample data when absent.
    public static func loadOrGenerate(
        directory: String, department: DepartmentID, entities: Int, seed: UInt64
    ) throws -> DepartmentData {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                return try JSONDecoder().decode(DepartmentData.self, from: Data(contentsOf: url))
            } catch {
                throw AgentError(
                    .invalidData,
                    "department data \(url.path) is unreadable (\(error)); restore it or remove it to regenerate sample data"
                )
            }
        }
        let data = try generated(for: department, entities: entities, seed: seed)
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

    /// The register built from ``entities``.
    public func register() throws -> Register { try Register(entities: entities) }
}
