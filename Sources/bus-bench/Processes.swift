import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A failure of the benchmark itself (not a figure): printed, and the run exits non-zero.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Every child process and temporary directory of this run, so that every exit path (normal
/// return, thrown error, SIGINT/SIGTERM) stops the children by PID and removes the directories.
final class Cleanup: Sendable {
    static let shared = Cleanup()

    private struct State {
        var pids: Set<pid_t> = []
        var directories: Set<String> = []
    }
    private let state = Mutex(State())

    func track(_ pid: pid_t) { state.withLock { _ = $0.pids.insert(pid) } }
    func untrack(_ pid: pid_t) { state.withLock { _ = $0.pids.remove(pid) } }
    func track(directory: String) { state.withLock { _ = $0.directories.insert(directory) } }

    /// Removes a directory made by this run.
    func remove(directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
        state.withLock { _ = $0.directories.remove(directory) }
    }

    /// Stops every tracked child (SIGTERM, then SIGKILL after `graceMs`) and removes every directory.
    func runAll(graceMs: Int = 3000) {
        let (pids, directories) = state.withLock { state in
            defer { state = State() }
            return (state.pids, state.directories)
        }
        for pid in pids { stopProcess(pid, graceMs: graceMs) }
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// SIGINT, SIGTERM and SIGHUP clean up and exit (128 + signal).
    func installSignalHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                FileHandle.standardError.write(Data("bus-bench: signal \(signalNumber): cleaning up\n".utf8))
                Cleanup.shared.runAll(graceMs: 1000)
                exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}

/// The signal sources stay alive for the whole run (installed once, from the main thread).
private nonisolated(unsafe) var signalSources: [any DispatchSourceSignal] = []

/// Starts `path` with `arguments`, stdout and stderr appended to `output`, stdin from /dev/null,
/// default signal dispositions; the PID is tracked for clean-up.
func spawn(_ path: String, _ arguments: [String], output: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signalNumber) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    guard code == 0 else { throw BenchError("cannot start \(path): \(String(cString: strerror(code)))") }
    Cleanup.shared.track(pid)
    return pid
}

/// Waits for `pid` to exit, at most `timeoutMs`; returns its wait status, or nil if it still runs.
func waitExit(_ pid: pid_t, timeoutMs: Int) -> Int32? {
    waitExitWithUsage(pid, timeoutMs: timeoutMs)?.status
}

/// Waits for `pid` to exit, at most `timeoutMs`; returns its wait status and the CPU seconds
/// (user + system) it used, or nil if it still runs.
func waitExitWithUsage(_ pid: pid_t, timeoutMs: Int) -> (status: Int32, cpuSeconds: Double)? {
    let deadline = monotonicNanos() + UInt64(max(0, timeoutMs)) * 1_000_000
    var status: Int32 = 0
    var usage = rusage()
    while true {
        let result = wait4(pid, &status, WNOHANG, &usage)
        if result == pid || (result < 0 && errno == ECHILD) {
            Cleanup.shared.untrack(pid)
            let cpu =
                Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            return (status, result == pid ? cpu : 0)
        }
        if monotonicNanos() >= deadline { return nil }
        usleep(5000)
    }
}

/// CPU seconds (user + system) and bytes written to storage so far by a running process (from /proc).
func processUsage(_ pid: pid_t) -> (cpuSeconds: Double, writeBytes: UInt64) {
    var cpu = 0.0
    if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    {
        // Fields after the command name: state (3) … utime (14), stime (15).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) {
            cpu = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        }
    }
    var written: UInt64 = 0
    if let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) {
        for line in io.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            written = UInt64(line.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
    }
    return (cpu, written)
}

/// SIGTERM (after SIGCONT), then SIGKILL if it has not exited after `graceMs`; always reaps.
func stopProcess(_ pid: pid_t, graceMs: Int = 10_000) {
    kill(pid, SIGCONT)
    kill(pid, SIGTERM)
    if waitExit(pid, timeoutMs: graceMs) == nil {
        kill(pid, SIGKILL)
        _ = waitExit(pid, timeoutMs: 10_000)
    }
}

/// Whether a wait status says "exited with code 0".
func exitedCleanly(_ status: Int32) -> Bool { status & 0x7f == 0 && (status >> 8) & 0xff == 0 }

/// CLOCK_MONOTONIC in nanoseconds: one clock for every process of this machine.
func monotonicNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Seconds elapsed since a ``monotonicNanos()`` reading.
func secondsSince(_ start: UInt64) -> Double { Double(monotonicNanos() - start) / 1e9 }

/// Sleeps `milliseconds` on this (plain) thread.
func sleepMs(_ milliseconds: Int) { usleep(UInt32(milliseconds * 1000)) }

/// The directory of this executable (where `swift build` puts `supervision-agent` too).
func executableDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let path =
        count > 0
        ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    return URL(fileURLWithPath: path).deletingLastPathComponent().path
}

/// A new directory under `parent` (mode 0700), tracked for clean-up.
func makeTemporaryDirectory(in parent: String, prefix: String) throws -> String {
    var template = Array((URL(fileURLWithPath: parent).appendingPathComponent("\(prefix)XXXXXX").path).utf8CString)
    guard let made = mkdtemp(&template) else {
        throw BenchError("cannot create a temporary directory in \(parent): \(String(cString: strerror(errno)))")
    }
    let path = String(cString: made)
    Cleanup.shared.track(directory: path)
    return path
}

/// An unused loopback TCP port (bound, then released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
            guard bind(fd, pointer, length) == 0 else { return -1 }
            return getsockname(fd, pointer, &length)
        }
    }
    guard bound == 0 else { throw BenchError("cannot find a free loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// An unused loopback TCP port below the kernel's ephemeral range
/// (`/proc/sys/net/ipv4/ip_local_port_range`), so that no outgoing connection and no
/// `127.0.0.1:*` bind of a process started earlier (the ZAP self-check's throw-away server)
/// can take it before its agent binds it. Falls back to ``freePort()`` if none is free.
func freeListenPort(excluding taken: Set<Int> = []) throws -> Int {
    let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
        .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    let ephemeralLow = range?.first ?? 32768
    let low = 10_000
    guard ephemeralLow > low + 100 else { return try freePort() }
    let span = ephemeralLow - low
    let start = Int.random(in: 0..<span)
    for offset in 0..<span {
        let port = low + (start + offset) % span
        if !taken.contains(port) && canBind(port) { return port }
    }
    return try freePort()
}

/// Whether `127.0.0.1:port` can be bound now.
private func canBind(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}

/// ESTABLISHED TCP connections (IPv4, this network namespace) whose remote port is one of
/// `ports`: each connection to an agent's bus port counted once, at its connecting end.
func establishedConnections(toPorts ports: Set<Int>) -> Int {
    // Read to the end: /proc files report size 0, and a one-page read would cut the table.
    guard let handle = FileHandle(forReadingAtPath: "/proc/net/tcp") else { return 0 }
    defer { try? handle.close() }
    let table = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    var count = 0
    for line in table.split(separator: "\n").dropFirst() {
        // sl local_address rem_address st …, addresses as HEXIP:HEXPORT; state 01 is ESTABLISHED.
        let fields = line.split(separator: " ")
        guard fields.count > 3, fields[3] == "01", let remote = fields[2].split(separator: ":").last,
            let port = Int(remote, radix: 16)
        else { continue }
        if ports.contains(port) { count += 1 }
    }
    return count
}

/// The 1-minute load average (other engineers' builds share these cores).
func loadAverage() -> Double {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? loads[0] : -1
}

/// Parses `key=value` words of a child's output (last occurrence wins).
func keyValues(_ text: String) -> [String: String] {
    var values: [String: String] = [:]
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        let parts = word.split(separator: "=", maxSplits: 1)
        if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
    }
    return values
}
