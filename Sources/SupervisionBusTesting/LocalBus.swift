import Foundation
import SupervisionBus

/// A whole bus in one directory, for a machine that runs several agents (demos, tests,
/// benchmarks): an authority, every department's keys, a signed membership and one agent
/// configuration per department.
///
/// ```
/// <directory>/authority/        authority-0.key, anchor.json
/// <directory>/keys/<department>/ curve.key, signing-0.key
/// <directory>/membership.signed.json
/// <directory>/<department>.json  the agent's configuration (data in data/<department>)
/// ```
/// Real deployments do the same with `jointctl keys generate` on each department's machine
/// and `jointctl membership sign` at the authority (README, "A new department").
public struct LocalBus: Sendable {
    /// The directory.
    public let directory: String
    /// The authority's key, to sign new membership versions.
    public let authority: AuthorityKey
    /// The membership in force.
    public private(set) var membership: Membership
    /// Each department's keys.
    public let keys: [String: KeyDirectory]

    /// The signed membership file.
    public var membershipFile: String { path("membership.signed.json") }
    /// The anchor file.
    public var anchorFile: String { AuthorityKey.anchorFile(path("authority")) }
    /// The configuration file of `department`.
    public func configurationFile(_ department: String) -> String { path("\(department).json") }

    /// Creates keys, authority, a signed membership (version 1, valid 90 days) and
    /// configurations.
    ///
    /// - Parameters:
    ///   - endpoints: department → bus endpoint.
    ///   - rights: data rights per department (default: everything).
    ///   - placements: department kind and jurisdiction per department (default: the id is the
    ///     kind, at city level).
    ///   - configure: extra settings per department, merged into its configuration file.
    ///   - authorityID: the configuration authority's id (two buses that federate need two).
    public static func create(
        in directory: String, endpoints: [String: String], rights: [String: DataRights] = [:],
        placements: [String: Placement] = [:],
        heartbeatMs: Int64? = nil, insecureTransport: Bool = false, testCommands: Bool = false,
        configure: [String: [String: any Sendable]] = [:], authority authorityID: String = "local-authority"
    ) throws -> LocalBus {
        let authority = try AuthorityKey.generate(authority: authorityID, at: directory + "/authority")
        var keys: [String: KeyDirectory] = [:]
        var members: [Membership.Member] = []
        for (department, endpoint) in endpoints.sorted(by: { $0.key < $1.key }) {
            let keyDirectory = try KeyDirectory.generate(at: "\(directory)/keys/\(department)")
            keys[department] = keyDirectory
            let entry = keyDirectory.publicEntry
            members.append(
                Membership.Member(
                    id: department, name: department, busEndpoint: endpoint, curveKey: entry.curveKey,
                    signingKeys: entry.signingKeys, receives: rights[department] ?? .everything,
                    kind: placements[department]?.kind, jurisdiction: placements[department]?.jurisdiction ?? .city))
        }
        let now = Date()
        let membership = Membership(
            version: 1, issuedAt: now.addingTimeInterval(-60), expiresAt: now.addingTimeInterval(90 * 86400),
            departments: members)
        var bus = LocalBus(directory: directory, authority: authority, membership: membership, keys: keys)
        try bus.publish(membership)
        for department in endpoints.keys {
            let configuration = NodeConfiguration(
                department: department, dataDirectory: "data/\(department)", keysDirectory: "keys/\(department)",
                anchorFile: "authority/anchor.json", membershipFile: "membership.signed.json",
                heartbeatMs: heartbeatMs, insecureTransport: insecureTransport ? true : nil,
                testCommands: testCommands ? true : nil)
            var object =
                try JSONSerialization.jsonObject(with: try JSONEncoder().encode(configuration)) as! [String: Any]
            object.merge(configure[department] ?? [:]) { _, new in new }
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]).write(
                to: URL(fileURLWithPath: bus.configurationFile(department)))
        }
        return bus
    }

    /// Signs `membership` and replaces the membership file with it (atomically); running
    /// agents adopt it at their next refresh.
    public mutating func publish(_ membership: Membership) throws {
        try SignedMembership.sign(membership, with: authority).write(to: membershipFile)
        self.membership = membership
    }

    /// Where a department sits on a bus of several levels.
    public struct Placement: Sendable {
        /// Its department kind (`nil`: its id).
        public var kind: String?
        /// Its jurisdiction.
        public var jurisdiction: Jurisdiction

        /// A placement.
        public init(kind: String?, jurisdiction: Jurisdiction) {
            self.kind = kind
            self.jurisdiction = jurisdiction
        }
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
}
