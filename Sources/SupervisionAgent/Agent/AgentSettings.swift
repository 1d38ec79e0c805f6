import Foundation

/// The agent's domain settings, read from the same JSON configuration file as the bus node's
/// ``SupervisionBus/NodeConfiguration`` (unknown keys are ignored by each), with `JS_*`
/// environment overrides. Every number is a parameter with a documented default.
///
/// ```json
/// { "consentPolicy": "auto", "sampleEntities": 2000, "sampleSeed": 2026,
///   "inspectionsPerInspectorPerDay": 2, "inspectorsPerVisit": 2, "partnerInspectors": 20 }
/// ```
public struct AgentSettings: Sendable, Codable, Hashable {
    /// `auto`: vote on proposals and acknowledge referrals automatically; `manual`: wait for
    /// `plan accept|decline` and `referral ack`.
    public var consentPolicy: String?
    /// Entities in the generated sample register (default 2000).
    public var sampleEntities: Int?
    /// Seed of the generated sample register (default 2026); every agent of a bus uses the same.
    public var sampleSeed: UInt64?
    /// Visits one inspector can do per working day (default 2).
    public var inspectionsPerInspectorPerDay: Int?
    /// Inspectors sent per visit (default 2).
    public var inspectorsPerVisit: Int?
    /// Inspectors a lead assumes a partner department has when composing (default 20); the
    /// partner checks the proposal against its real roster and declines if it does not fit.
    public var partnerInspectors: Int?
    /// Referral service levels in working days: accept, decide, report (default: the catalog's).
    public var serviceLevels: [Int]?
    /// A signed catalog (JSCD1, `jointctl catalog sign`) to use when it is newer than the bundled
    /// one and than those adopted from the bus; the agent announces it to its peers.
    public var catalogFile: String?

    /// Creates settings.
    public init(consentPolicy: String? = nil, sampleEntities: Int? = nil, sampleSeed: UInt64? = nil) {
        self.consentPolicy = consentPolicy
        self.sampleEntities = sampleEntities
        self.sampleSeed = sampleSeed
    }

    /// The environment variables that override file settings.
    public static let environmentKeys = ["JS_CONSENT_POLICY", "JS_SAMPLE_ENTITIES", "JS_SAMPLE_SEED"]

    /// Loads the settings from a configuration file and applies environment overrides.
    public static func load(from path: String, environment: [String: String] = [:]) throws -> AgentSettings {
        var settings: AgentSettings
        do {
            settings = try JSONDecoder().decode(AgentSettings.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw AgentError(.invalidData, "configuration \(path) is not valid: \(error)")
        }
        if let value = environment["JS_CONSENT_POLICY"] { settings.consentPolicy = value }
        if let value = environment["JS_SAMPLE_ENTITIES"] { settings.sampleEntities = Int(value) }
        if let value = environment["JS_SAMPLE_SEED"] { settings.sampleSeed = UInt64(value) }
        try settings.validate()
        return settings
    }

    /// Checks ranges; throws ``AgentError`` naming the bad setting.
    public func validate() throws {
        guard ["auto", "manual"].contains(policy) else {
            throw AgentError(.invalidData, "consentPolicy must be auto or manual, got \(policy)")
        }
        guard (100...5_000_000).contains(entities) else {
            throw AgentError(.invalidData, "sampleEntities must be 100…5000000")
        }
        guard perDay >= 1, perVisit >= 2, partners >= 2 else {
            throw AgentError(
                .invalidData,
                "inspectionsPerInspectorPerDay ≥ 1, inspectorsPerVisit ≥ 2 and partnerInspectors ≥ 2 are required")
        }
        guard serviceLevels == nil || serviceLevels!.count == 3 && serviceLevels!.allSatisfy({ $0 >= 1 }) else {
            throw AgentError(.invalidData, "serviceLevels must be three working-day counts, each at least 1")
        }
    }

    /// The consent policy in force.
    public var policy: String { consentPolicy ?? "auto" }
    /// Sample register size in force.
    public var entities: Int { sampleEntities ?? 2000 }
    /// Sample seed in force.
    public var seed: UInt64 { sampleSeed ?? 2026 }
    /// Visits per inspector per day in force.
    public var perDay: Int { inspectionsPerInspectorPerDay ?? 2 }
    /// Inspectors per visit in force.
    public var perVisit: Int { inspectorsPerVisit ?? 2 }
    /// Assumed partner inspectors in force.
    public var partners: Int { partnerInspectors ?? 20 }
}
