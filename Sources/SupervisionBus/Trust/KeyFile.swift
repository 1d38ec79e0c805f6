import Foundation

/// Secret key files: one line of text, readable by their owner only.
enum KeyFile {
    /// The trimmed contents of a secret key file, refusing one that group or others can access.
    static func read(_ path: String, what: String) throws -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw BusError(.invalidKey, "cannot read \(what) file \(path): \(error.localizedDescription)")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw BusError(
                .invalidKey,
                "\(what) file \(path) has mode \(String(mode, radix: 8)): group or others can access it; run `chmod 600 \(path)`"
            )
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BusError(.invalidKey, "cannot read \(what) file \(path)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates a new file with mode 0600 holding `contents` and a newline; never overwrites.
    static func create(_ path: String, contents: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw BusError(.invalidKey, "refusing to overwrite existing key file \(path)") }
            throw BusError(.invalidKey, "cannot create key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array((contents + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw BusError(.invalidKey, "cannot write key file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
