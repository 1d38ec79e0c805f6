import Foundation

/// How one department's bus node runs: read from a JSON file, with `JS_*` environment
/// overrides for containers.
///
/// ```json
/// { "department": "fire", "dataDirectory": "/var/lib/jointsupervision/fire",
///   "busEndpoint": "tcp://0.0.0.0:7100", "controlEndpoint": "ipc:///run/jointsupervision/fire.ctl",
///   "keysDirectory": "/etc/jointsupervision/keys", "anchorFile": "/etc/jointsupervision/anchor.json",
///   "membershipFile": "/etc/jointsupervision/membership.signed.json", "heartbeatMs": 1000 }
/// ```
/// Relative paths are resolved against the configuration file's directory.
public struct NodeConfiguration: Sendable, Codable, Hashable {
    /// This agent's department id (must be in the membership).
    public var department: String
    /// Where the store lives (`<dataDirectory>/store.sqlite`).
    public var dataDirectory: String
    /// The endpoint the bus ROUTER binds; defaults to the membership's endpoint for this department.
    public var busEndpoint: String?
    /// The control endpoint for `jointctl` (default `ipc://<dataDirectory>/control.sock`, owner-only).
    public var controlEndpoint: String?
    /// The department's key directory (``KeyDirectory``: CURVE key and signing keys, mode 0600).
    public var keysDirectory: String
    /// The configuration authority's public keys (``TrustAnchor``), which must sign the membership.
    public var anchorFile: String
    /// The signed membership document (``SignedMembership``); re-read when it changes.
    public var membershipFile: String
    /// A federated region's authority keys (``TrustAnchor``); with ``foreignMembershipFile`` and
    /// ``agreementFile``, the agent exchanges what the agreement allows with the foreign
    /// members it names (``Federation``). All three or none.
    public var foreignAnchorFile: String?
    /// The federated region's signed membership, verified with ``foreignAnchorFile``.
    public var foreignMembershipFile: String?
    /// The bilateral agreement signed by both authorities (``SignedAgreement``).
    public var agreementFile: String?
    /// Plain TCP without CURVE or ZAP (default `false`). Only for benchmarks on one machine:
    /// peers' identities are then self-asserted routing ids.
    public var insecureTransport: Bool?
    /// HEAD/heartbeat interval in milliseconds (default 1000).
    public var heartbeatMs: Int64?
    /// Most events per signed batch (default 512).
    public var maxBatchEvents: Int?
    /// Answers the control commands `publish` and `load`, which append synthetic `test`
    /// events to the department's signed log (default `false`). Only for tests and benchmarks.
    public var testCommands: Bool?

    /// Creates a configuration.
    public init(
        department: String, dataDirectory: String, busEndpoint: String? = nil, controlEndpoint: String? = nil,
        keysDirectory: String, anchorFile: String, membershipFile: String, heartbeatMs: Int64? = nil,
        maxBatchEvents: Int? = nil, insecureTransport: Bool? = nil, testCommands: Bool? = nil
    ) {
        self.department = department
        self.dataDirectory = dataDirectory
        self.busEndpoint = busEndpoint
        self.controlEndpoint = controlEndpoint
        self.keysDirectory = keysDirectory
        self.anchorFile = anchorFile
        self.membershipFile = membershipFile
        self.insecureTransport = insecureTransport
        self.heartbeatMs = heartbeatMs
        self.maxBatchEvents = maxBatchEvents
        self.testCommands = testCommands
    }

    /// The environment variables that override file settings.
    public static let environmentKeys = [
        "JS_DEPARTMENT", "JS_DATA_DIRECTORY", "JS_BUS_ENDPOINT", "JS_CONTROL_ENDPOINT", "JS_KEYS_DIRECTORY",
        "JS_ANCHOR_FILE", "JS_MEMBERSHIP_FILE", "JS_HEARTBEAT_MS",
    ]

    /// Loads a configuration file, applies `environment` overrides, resolves relative paths.
    public static func load(from path: String, environment: [String: String] = [:]) throws -> NodeConfiguration {
        var configuration: NodeConfiguration
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            configuration = try JSONDecoder().decode(NodeConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw BusError(.invalidConfiguration, "configuration \(path) is not valid: \(error)")
        } catch {
            throw BusError(.invalidConfiguration, "cannot read configuration \(path): \(error.localizedDescription)")
        }
        if let value = environment["JS_DEPARTMENT"] { configuration.department = value }
        if let value = environment["JS_DATA_DIRECTORY"] { configuration.dataDirectory = value }
        if let value = environment["JS_BUS_ENDPOINT"] { configuration.busEndpoint = value }
        if let value = environment["JS_CONTROL_ENDPOINT"] { configuration.controlEndpoint = value }
        if let value = environment["JS_KEYS_DIRECTORY"] { configuration.keysDirectory = value }
        if let value = environment["JS_ANCHOR_FILE"] { configuration.anchorFile = value }
        if let value = environment["JS_MEMBERSHIP_FILE"] { configuration.membershipFile = value }
        if let value = environment["JS_HEARTBEAT_MS"] {
            guard let ms = Int64(value), ms > 0 else {
                throw BusError(.invalidConfiguration, "JS_HEARTBEAT_MS must be a positive integer, got \(value)")
            }
            configuration.heartbeatMs = ms
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ file: String) -> String {
            file.hasPrefix("/") ? file : base.appendingPathComponent(file).standardizedFileURL.path
        }
        configuration.dataDirectory = resolve(configuration.dataDirectory)
        configuration.keysDirectory = resolve(configuration.keysDirectory)
        configuration.anchorFile = resolve(configuration.anchorFile)
        configuration.membershipFile = resolve(configuration.membershipFile)
        configuration.foreignAnchorFile = configuration.foreignAnchorFile.map(resolve)
        configuration.foreignMembershipFile = configuration.foreignMembershipFile.map(resolve)
        configuration.agreementFile = configuration.agreementFile.map(resolve)
        let federationFiles = [
            configuration.foreignAnchorFile, configuration.foreignMembershipFile, configuration.agreementFile,
        ]
        guard federationFiles.allSatisfy({ $0 == nil }) || federationFiles.allSatisfy({ $0 != nil }) else {
            throw BusError(
                .invalidConfiguration,
                "foreignAnchorFile, foreignMembershipFile and agreementFile go together: give all three or none")
        }
        guard Membership.isValidDepartmentID(configuration.department) else {
            throw BusError(
                .invalidConfiguration, "department id \"\(configuration.department)\" must match [a-z0-9-]{1,32}")
        }
        return configuration
    }

    /// The store file.
    public var storePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("store.sqlite").path }

    /// The control endpoint in force.
    public var resolvedControlEndpoint: String {
        controlEndpoint ?? "ipc://" + URL(fileURLWithPath: dataDirectory).appendingPathComponent("control.sock").path
    }

    /// The replicator settings in force.
    public var replicatorSettings: ReplicatorSettings {
        var settings = ReplicatorSettings()
        if let heartbeatMs { settings.heartbeatMs = heartbeatMs }
        if let maxBatchEvents { settings.maxBatchEvents = maxBatchEvents }
        return settings
    }
}
