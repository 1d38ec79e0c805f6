import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SupervisionAgent
import SupervisionBus
import UnixSignals

@main
struct AgentMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervision-agent",
        abstract: "A department's agent on the JointSupervision bus.",
        discussion: """
            Runs one department's node: its signed, hash-chained event log in a local store, its replicas \
            of every peer's log, and its control endpoint for jointctl. Stops cleanly on SIGTERM or SIGINT.
            Its keys come from `jointctl keys generate`, its signed membership from `jointctl membership sign`.
            """,
        subcommands: [Run.self],
        defaultSubcommand: Run.self)
}

extension AgentMain {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the agent as a service.",
            discussion:
                "Environment overrides: \((NodeConfiguration.environmentKeys + AgentSettings.environmentKeys).joined(separator: ", "))."
        )

        @Option(name: .shortAndLong, help: "The agent's JSON configuration file.")
        var config: String

        @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
        var logLevel: Logger.Level = .info

        @Option(help: "Log format on standard error: text, or json (one object per line).")
        var logFormat: String = ProcessInfo.processInfo.environment["JS_LOG_FORMAT"] ?? "text"

        func validate() throws {
            guard ["text", "json"].contains(logFormat) else {
                throw ValidationError("--log-format must be text or json")
            }
        }

        func run() async throws {
            let level = logLevel
            let json = logFormat == "json"
            LoggingSystem.bootstrap { label in
                if json {
                    var handler = JSONLogHandler(label: label)
                    handler.logLevel = level
                    return handler
                }
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "supervision-agent")
            let node: BusNode
            let agent: DepartmentAgent
            do {
                let environment = ProcessInfo.processInfo.environment
                let configuration = try NodeConfiguration.load(from: config, environment: environment)
                let settings = try AgentSettings.load(from: config, environment: environment)
                let catalogs = try CatalogShelf.load(
                    catalogFile: settings.catalogFile, anchorFile: configuration.anchorFile)
                node = try BusNode(
                    configuration: configuration, logger: logger, delegatedCommands: DepartmentAgent.commands,
                    categorize: { catalogs.category(of: $0) })
                agent = try DepartmentAgent(node: node, settings: settings, logger: logger, catalogs: catalogs)
            } catch {
                logger.critical("cannot start", metadata: ["error": "\(error)"])
                throw ExitCode(78)  // EX_CONFIG
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        .init(service: node, successTerminationBehavior: .gracefullyShutdownGroup),
                        .init(service: agent, successTerminationBehavior: .gracefullyShutdownGroup),
                    ],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            do {
                try await group.run()
            } catch let error as BusError {
                logger.critical("stopped on an error", metadata: ["error": "\(error)"])
                throw ExitCode(Self.exitStatus(error))
            }
        }

        /// `sysexits.h`: 78 (EX_CONFIG) for what the operator must fix, 69 (EX_UNAVAILABLE) for
        /// a transport that could not be set up (a bus port in use, authentication not in
        /// place), which a supervisor may retry; 75 (EX_TEMPFAIL) for a full disk; 70 (EX_SOFTWARE) otherwise.
        static func exitStatus(_ error: BusError) -> Int32 {
            switch error.code {
            case .invalidKey, .invalidConfiguration, .invalidMembership, .invalidAgreement, .storeUnusable: 78
            case .authentication, .transport: 69
            case .rejectedEvent, .shutDown, .ownLogRecovering, .ownLogConflict: 70
            case .storeFull: 75
            }
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
