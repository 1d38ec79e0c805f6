import ArgumentParser
import Foundation
import SupervisionBus
import ZeroMQ

@main
struct JointCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jointctl",
        abstract: "The coordinator's tool for the JointSupervision bus.",
        discussion: "Talks to one agent (its home agent) through the agent's control endpoint.",
        subcommands: [Status.self, Peers.self, Publish.self, Load.self])
}

/// Options every subcommand shares.
struct AgentOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: "The agent's control endpoint, e.g. ipc:///var/lib/jointsupervision/fire/control.sock (env JS_CONTROL).")
    var agent: String = ProcessInfo.processInfo.environment["JS_CONTROL"] ?? ""

    @Flag(help: "Print JSON for scripts instead of tables.")
    var json = false

    @Option(help: "Milliseconds to wait for the agent's reply.")
    var timeout: Int = 5000

    func validate() throws {
        guard !agent.isEmpty else {
            throw ValidationError("name the agent with --agent ENDPOINT or JS_CONTROL=ENDPOINT")
        }
    }

    /// Sends `request`, exiting with a clear message if the agent does not answer or refuses.
    func send(_ request: ControlRequest) throws -> ControlReply {
        let context = try Context(defaultLingerMilliseconds: 0)
        defer { context.terminate() }
        let client = try ControlClient(context: context, endpoint: agent)
        defer { client.close() }
        let reply: ControlReply
        do {
            reply = try client.send(request, timeoutMs: timeout)
        } catch {
            FileHandle.standardError.write(Data("jointctl: \(error)\n".utf8))
            throw ExitCode(69)  // EX_UNAVAILABLE
        }
        guard reply.ok else {
            FileHandle.standardError.write(Data("jointctl: the agent refused: \(reply.error ?? "no reason")\n".utf8))
            throw ExitCode(65)  // EX_DATAERR
        }
        return reply
    }

    func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
