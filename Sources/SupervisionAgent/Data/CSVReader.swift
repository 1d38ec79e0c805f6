import Foundation

/// A small RFC 4180 reader: a header line, then records; quoted fields may hold commas,
/// doubled quotes and line breaks.
enum CSVReader {
    /// Records as header → value maps. Throws when a record's field count differs from the header's.
    static func records(_ text: String) throws -> [[String: String]] {
        let lines = parse(text)
        guard let header = lines.first, !header.isEmpty else {
            throw AgentError(.invalidArgument, "the CSV file is empty: it needs a header line")
        }
        var out: [[String: String]] = []
        for (i, fields) in lines.dropFirst().enumerated() {
            if fields == [""] { continue }
            guard fields.count == header.count else {
                throw AgentError(
                    .invalidArgument,
                    "CSV line \(i + 2) has \(fields.count) fields, the header has \(header.count); nothing was imported"
                )
            }
            out.append(
                Dictionary(
                    zip(header.map { $0.trimmingCharacters(in: .whitespaces) }, fields), uniquingKeysWith: { a, _ in a }
                ))
        }
        return out
    }

    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r", chars.first == "\n" { chars.removeFirst() }
                fields.append(field)
                records.append(fields)
                fields = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(fields)
        }
        return records
    }
}
