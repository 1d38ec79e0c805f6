import Foundation
import Supervision

/// The register and roster snapshots draws and assignments were made from, kept in the data
/// directory under `snapshots/<hash>.register` and `snapshots/<hash>.roster`: content-addressed
/// (the file name is the SHA-256 of its bytes, the canonical encoding), written atomically,
/// never changed. A file whose bytes do not hash to its name is ignored as absent.
public struct SnapshotStore: Sendable {
    /// The two kinds of snapshot.
    public enum Kind: String, Sendable, Codable {
        /// A ``RegisterSnapshot``.
        case register
        /// A ``RosterSnapshot``.
        case roster
    }

    /// `<data directory>/snapshots`.
    public let directory: URL

    /// The store in `dataDirectory`.
    public init(dataDirectory: String) {
        directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent("snapshots")
    }

    func url(_ hash: String, _ kind: Kind) -> URL { directory.appendingPathComponent("\(hash).\(kind.rawValue)") }

    /// Whether `hash` is 64 lower-case hex digits (anything else names no file here).
    public static func isHash(_ hash: String) -> Bool {
        hash.utf8.count == 64 && hash.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Keeps `bytes` (a canonical encoding whose SHA-256 is `hash`) unless already kept intact.
    public func put(_ bytes: [UInt8], hash: String, kind: Kind) throws {
        let target = url(hash, kind)
        guard self.bytes(hash, kind: kind) == nil else { return }  // kept and intact; a damaged file is replaced
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(bytes).write(to: target, options: .atomic)
    }

    /// The bytes kept for `hash`, if any and intact.
    public func bytes(_ hash: String, kind: Kind) -> [UInt8]? {
        switch kind {
        case .register: register(hash)?.canonicalBytes
        case .roster: roster(hash)?.canonicalBytes
        }
    }

    /// The register snapshot with `hash`, if kept here.
    public func register(_ hash: String) -> RegisterSnapshot? {
        guard Self.isHash(hash), let data = try? Data(contentsOf: url(hash, .register)),
            let snapshot = try? RegisterSnapshot(canonicalBytes: [UInt8](data)), snapshot.hash == hash
        else { return nil }
        return snapshot
    }

    /// The roster snapshot with `hash`, if kept here.
    public func roster(_ hash: String) -> RosterSnapshot? {
        guard Self.isHash(hash), let data = try? Data(contentsOf: url(hash, .roster)),
            let snapshot = try? RosterSnapshot(canonicalBytes: [UInt8](data)), snapshot.hash == hash
        else { return nil }
        return snapshot
    }

    /// Validates and keeps a snapshot file's bytes (either kind, told apart by the header line);
    /// returns its kind, department and hash.
    public func importing(_ bytes: [UInt8]) throws -> (kind: Kind, department: DepartmentID, hash: String) {
        do {
            if bytes.starts(with: Array(RegisterSnapshot.header.utf8)) {
                let snapshot = try RegisterSnapshot(canonicalBytes: bytes)
                try put(bytes, hash: snapshot.hash, kind: .register)
                return (.register, snapshot.department, snapshot.hash)
            }
            let snapshot = try RosterSnapshot(canonicalBytes: bytes)
            try put(bytes, hash: snapshot.hash, kind: .roster)
            return (.roster, snapshot.department, snapshot.hash)
        } catch let error as SupervisionError {
            throw AgentError(
                .invalidArgument,
                "not a snapshot in canonical form (\(error.message)); export it with `jointctl snapshot export`")
        }
    }
}
