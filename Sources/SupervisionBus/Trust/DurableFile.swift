import Foundation

/// Files that readers may open at any moment (membership documents, trust anchors).
public enum DurableFile {
    /// Replaces `path` atomically: a temporary file in the same directory, flushed to disk,
    /// renamed over `path`, then the directory flushed, so that a reader never sees half a
    /// file and a crash leaves the old file or the new one.
    public static func replace(_ path: String, with bytes: [UInt8]) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(path).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw BusError(
                .invalidConfiguration, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw BusError(.invalidConfiguration, "cannot write \(path): \(reason)")
        }
        let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }
}
