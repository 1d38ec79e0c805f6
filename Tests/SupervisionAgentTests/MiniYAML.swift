import Foundation

/// A reader for the block-style YAML subset Compose/compose.yaml uses: nested maps
/// (`key:` / `key: value`), lists of scalars (`- value`), comments. Enough to check the file's
/// structure without a YAML dependency.
enum MiniYAML {
    indirect enum Node: Equatable {
        case scalar(String)
        case map([String: Node])
        case list([String])

        subscript(key: String) -> Node? {
            if case .map(let m) = self { return m[key] }
            return nil
        }

        var map: [String: Node] { if case .map(let m) = self { m } else { [:] } }
        var list: [String] { if case .list(let l) = self { l } else { [] } }
        var scalar: String? { if case .scalar(let s) = self { s } else { nil } }
    }

    static func parse(_ text: String) -> Node {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter {
            let t = $0.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && !t.hasPrefix("#")
        }
        var index = 0
        return block(lines, &index, indent: 0)
    }

    private static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    private static func unquote(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, t.first == "\"", t.last == "\"" { t = String(t.dropFirst().dropLast()) }
        return t
    }

    private static func block(_ lines: [String], _ index: inout Int, indent: Int) -> Node {
        if index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("- ") {
            var items: [String] = []
            while index < lines.count, indentation(lines[index]) == indent,
                lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("- ")
            {
                items.append(unquote(String(lines[index].trimmingCharacters(in: .whitespaces).dropFirst(2))))
                index += 1
            }
            return .list(items)
        }
        var map: [String: Node] = [:]
        while index < lines.count, indentation(lines[index]) == indent {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            guard let colon = line.firstIndex(of: ":") else { index += 1; continue }
            let key = unquote(String(line[..<colon]))
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            index += 1
            if rest.isEmpty {
                if index < lines.count, indentation(lines[index]) > indent {
                    map[key] = block(lines, &index, indent: indentation(lines[index]))
                } else {
                    map[key] = .map([:])
                }
            } else {
                map[key] = .scalar(unquote(rest))
            }
        }
        return .map(map)
    }
}
