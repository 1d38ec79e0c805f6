import Foundation
import Supervision

extension DepartmentData {
    /// Validates `text` (CSV with a header, or a JSON array of row objects) and, if every row is
    /// valid, returns the data with the rows merged in: register rows add entities or set this
    /// department's risk class; a roster replaces the roster (columns `inspector_id`,
    /// `qualifications`, `conflicts` and `last_inspected`, lists `;`-separated: the credit codes
    /// an inspector is in conflict with, and those it inspected last time, are recused). Otherwise returns the data
    /// unchanged with a report of every rejected row.
    public func importing(kind: String, format: String, text: String) throws -> (DepartmentData, ImportReport) {
        let rows: [[String: String]]
        switch format {
        case "csv": rows = try CSVReader.records(text)
        case "json":
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
                throw AgentError(.invalidArgument, "the JSON file must be an array of objects, one per row")
            }
            rows = parsed.map { $0.mapValues { "\($0)" } }
        default: throw AgentError(.invalidArgument, "format must be csv or json, got \(format)")
        }
        let firstRow = format == "csv" ? 2 : 1
        var rejected: [ImportReport.Rejection] = []
        var copy = self
        switch kind {
        case "register":
            var byCode = Dictionary(entities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            var seen = Set<CreditCode>()
            for (i, row) in rows.enumerated() {
                do {
                    let code = try CreditCode(field(row, "credit_code"))
                    guard seen.insert(code).inserted else {
                        throw AgentError(.invalidArgument, "credit code \(code) appears twice")
                    }
                    guard let risk = RiskClass(rawValue: try field(row, "risk_class").uppercased()) else {
                        throw AgentError(.invalidArgument, "risk_class must be A, B, C or D")
                    }
                    var entity =
                        try byCode[code]
                        ?? SupervisedEntity(
                            code: code, name: try field(row, "name"),
                            industry: try IndustryID(try field(row, "industry")),
                            district: try district(try field(row, "district")), address: row["address"] ?? "",
                            riskClasses: [:])
                    let area = self.area ?? .city
                    guard Self.holds(area: area, entity) else {
                        throw AgentError(
                            .invalidArgument,
                            "entity \(code) is in district \(entity.district), outside this agent's jurisdiction (\(area)): import it at that district's agent"
                        )
                    }
                    entity.riskClasses[department] = risk
                    byCode[code] = entity
                } catch {
                    rejected.append(.init(row: i + firstRow, reason: "\(error)"))
                }
            }
            copy.entities = Array(byCode.values)
        case "roster":
            var roster: [Inspector] = []
            var seen = Set<InspectorID>()
            for (i, row) in rows.enumerated() {
                do {
                    let id = try InspectorID(try field(row, "inspector_id"))
                    guard seen.insert(id).inserted else {
                        throw AgentError(.invalidArgument, "inspector \(id) appears twice")
                    }
                    let qualifications = try list(row["qualifications"]).map { try Qualification($0) }
                    let conflicts = try list(row["conflicts"]).map { try CreditCode($0) }
                    let lastInspected = try list(row["last_inspected"]).map { try CreditCode($0) }
                    roster.append(
                        Inspector(
                            id: id, department: department, qualifications: Set(qualifications),
                            conflicts: Set(conflicts), lastInspected: Set(lastInspected)))
                } catch {
                    rejected.append(.init(row: i + firstRow, reason: "\(error)"))
                }
            }
            if roster.count < 2 && rejected.isEmpty {
                rejected.append(
                    .init(row: firstRow, reason: "a roster needs at least 2 inspectors (two officers per inspection)"))
            }
            copy.inspectors = roster
        default:
            throw AgentError(.invalidArgument, "import kind must be register or roster, got \(kind)")
        }
        guard rejected.isEmpty else {
            return (self, ImportReport(kind: kind, rows: rows.count, imported: 0, rejected: rejected))
        }
        copy.source = "imported"
        _ = try copy.register()
        return (copy, ImportReport(kind: kind, rows: rows.count, imported: rows.count, rejected: []))
    }

    /// Where an entity is placed: a district of the city (``CityProfile/districts``), or
    /// `district/sub-district` (`pudong/lujiazui`) for an entity a sub-district team supervises;
    /// else a clear error.
    private func district(_ text: String) throws -> DistrictID {
        let area = try? Area(text)
        guard let district = area?.district,
            CityProfile.districts.contains(where: { $0.id == district })
        else {
            throw AgentError(
                .invalidArgument,
                "district '\(text)' is not a district of the city (one of \(CityProfile.districts.map(\.id.rawValue).sorted().joined(separator: ", ")), optionally followed by /sub-district)"
            )
        }
        return DistrictID(validated: text)
    }

    private func field(_ row: [String: String], _ name: String) throws -> String {
        guard let value = row[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw AgentError(.invalidArgument, "column \(name) is missing or empty")
        }
        return value
    }

    private func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
