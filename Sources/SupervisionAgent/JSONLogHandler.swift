import Foundation
import Logging

/// A `LogHandler` writing one JSON object per line to standard error: `ts`, `level`, `label`,
/// `msg`, `source` and the metadata keys (`dept.id`, `plan.id`, …) as strings. For containers
/// and log collectors; the executable chooses it, libraries never bootstrap logging.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// Metadata of this handler.
    public var metadata: Logger.Metadata = [:]
    /// The minimum level written.
    public var logLevel: Logger.Level = .info

    /// Makes a handler for `label`.
    public init(label: String) { self.label = label }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        var object: [String: String] = [
            "ts": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue, "label": label,
            "msg": "\(event.message)", "source": event.source,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = "\(value)"
        }
        guard
            var line = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }
}
