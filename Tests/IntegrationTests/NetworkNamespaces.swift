import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Hosts on one machine: a network namespace per host, each with a veth to a bridge in a
/// switch namespace, addresses from the benchmarking range 198.18.0.0/15 only (FACTS.md,
/// "Several hosts on one machine"). Names are unique to this instance; ``remove()`` deletes
/// every namespace it made (their veths and bridge go with them).
final class NetworkNamespaces: @unchecked Sendable {
    /// Per host: its namespace and its address.
    private(set) var hosts: [String: (address: String, namespace: String)] = [:]
    private var created: [String] = []
    private let tag: String

    /// Why namespaces cannot be made here, or nil (root and a working `ip netns`).
    static let unavailable: String? = {
        if getuid() != 0 { return "not root: network namespaces need root" }
        if (try? run(["ip", "netns", "list"])) == nil { return "`ip netns` does not work here" }
        return nil
    }()

    /// Makes a namespace for each of `hosts`, addressed 198.18.`subnet`.1, .2, … in host order.
    init(_ hosts: [String], subnet: Int) throws {
        precondition((0...255).contains(subnet) && hosts.count < 250)
        tag = "jsn\(getpid() % 100_000)\(UInt16.random(in: 0...UInt16.max))"
        do {
            let switchNamespace = "\(tag)-sw"
            try add(switchNamespace)
            try Self.run(["ip", "-n", switchNamespace, "link", "add", "br0", "type", "bridge"])
            try Self.run(["ip", "-n", switchNamespace, "link", "set", "br0", "up"])
            for (index, host) in hosts.enumerated() {
                let namespace = "\(tag)-\(index)"
                let address = "198.18.\(subnet).\(index + 1)"
                try add(namespace)
                let port = "p\(index)"
                try Self.run([
                    "ip", "-n", switchNamespace, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns",
                    namespace,
                ])
                try Self.run(["ip", "-n", switchNamespace, "link", "set", port, "master", "br0", "up"])
                try Self.run(["ip", "-n", namespace, "addr", "add", "\(address)/24", "dev", "eth0"])
                try Self.run(["ip", "-n", namespace, "link", "set", "eth0", "up"])
                self.hosts[host] = (address, namespace)
            }
        } catch {
            remove()
            throw error
        }
    }

    private func add(_ namespace: String) throws {
        try Self.run(["ip", "netns", "add", namespace])
        created.append(namespace)
        try Self.run(["ip", "-n", namespace, "link", "set", "lo", "up"])
    }

    /// Deletes every namespace made here (idempotent).
    func remove() {
        for namespace in created.reversed() { _ = try? Self.run(["ip", "netns", "del", namespace]) }
        created = []
    }

    deinit { remove() }

    /// Runs a command to its end; throws with its output when it fails.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NamespaceError(
                description: "\(arguments.joined(separator: " ")): exit \(process.terminationStatus): \(output)")
        }
        return output
    }

    struct NamespaceError: Error, CustomStringConvertible {
        var description: String
    }
}
