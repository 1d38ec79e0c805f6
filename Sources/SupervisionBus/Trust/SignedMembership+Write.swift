import Foundation

extension SignedMembership {
    /// Writes the file atomically: a temporary file in the same directory, flushed to disk,
    /// then renamed over `path`, so that an agent re-reading it never sees half a document.
    public func write(to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(path).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw BusError(
                .invalidConfiguration, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        let bytes = serialized()
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
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
