import ArgumentParser
import Foundation
import SupervisionAgent
import SupervisionBus
import ZeroMQ

@main
struct JointCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jointctl",
        abstract: "The coordinator's tool for the JointSupervision bus.",
        discussion: """
            Talks to one agent (its home agent) through the agent's control endpoint.
            Workflow: draw → compose → plan list/show → plan accept|decline (auto under the auto policy) → \
            finding record → referrals list → referral ack → disclose; verify re-runs a published draw (snapshot export|import moves its inputs).
            Trust: keys generate|show (a department's keys, the configuration authority), membership \
            sign|show|verify on files, membership push|current and metering at an agent; \
            agreement draft|sign|show for a second region (federation).
            Exit codes: 0 ok, 64 bad usage, 65 the agent refused or an input is invalid (the message says why), \
            75 the agent cannot append now (disk full, or its own log still recovering: nothing stored; retry later), 69 no agent answered, 66 an input file is unreadable, 73 an output cannot be created, \
            1 a verification failed, 3 a draw's register or roster snapshot is not held at the agent.
            """,
        subcommands: [
            Status.self, Peers.self, Summary.self, Import.self, Entities.self, Draw.self, Verify.self,
            SnapshotCommand.self,
            IntentCommand.self,
            Compose.self, PlanCommand.self, FindingCommand.self, Referrals.self, ReferralCommand.self, Disclose.self,
            Publish.self, Load.self, KeysCommand.self, MembershipCommand.self, AgreementCommand.self,
            CatalogCommand.self, Metering.self,
            AuditCommand.self, Recovery.self, Evidence.self, Backup.self,
        ])
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

    @Option(
        help: """
            Idempotency key of the request (default: a fresh one). The agent runs a request with a given id \
            at most once and answers a repeat with the earlier reply: after a time-out, re-run the command with \
            the id jointctl printed.
            """)
    var requestId: String?

    func validate() throws {
        guard !agent.isEmpty else {
            throw ValidationError("name the agent with --agent ENDPOINT or JS_CONTROL=ENDPOINT")
        }
    }

    /// Sends `request`, exiting with a clear message if the agent does not answer or refuses.
    ///
    /// Every request carries a request id (``requestId`` or a fresh UUID), so a re-run with the
    /// same id after a time-out gets the earlier reply instead of appending twice.
    func send(_ request: ControlRequest) throws -> ControlReply {
        var request = request
        let id = requestId ?? UUID().uuidString
        request.requestId = id
        let context = try Context(defaultLingerMilliseconds: 0)
        defer { context.terminate() }
        let client = try ControlClient(context: context, endpoint: agent)
        defer { client.close() }
        let reply: ControlReply
        do {
            reply = try client.send(request, timeoutMs: timeout)
        } catch let error as BusError where error.code == .transport {
            FileHandle.standardError.write(
                Data(
                    "jointctl: \(error)\njointctl: if the agent got the request it may still run it; re-run with --request-id \(id) to get its result without running it twice\n"
                        .utf8))
            throw ExitCode(69)  // EX_UNAVAILABLE
        } catch {
            FileHandle.standardError.write(Data("jointctl: \(error)\n".utf8))
            throw ExitCode(65)  // EX_DATAERR
        }
        guard reply.ok else {
            FileHandle.standardError.write(Data("jointctl: the agent refused: \(reply.error ?? "no reason")\n".utf8))
            // A full store is temporary: nothing was stored, the same command works once space returns.
            let temporary = [BusError.Code.storeFull.rawValue, BusError.Code.ownLogRecovering.rawValue]
            if reply.errorCode == AgentError.Code.missingSnapshot.rawValue { throw ExitCode(3) }
            throw ExitCode(temporary.contains(reply.errorCode ?? "") ? 75 : 65)  // EX_TEMPFAIL, EX_DATAERR
        }
        return reply
    }

    /// Sends a delegated domain command and decodes its body.
    func call<T: Decodable>(_ command: String, _ arguments: [String: String], as type: T.Type) throws -> T {
        let reply = try send(ControlRequest(command: command, arguments: arguments))
        guard let body = reply.body, let value = try? JSONDecoder().decode(T.self, from: Data(body.utf8)) else {
            FileHandle.standardError.write(
                Data("jointctl: the agent's reply to \(command) is not understood (version mismatch?)\n".utf8))
            throw ExitCode(70)  // EX_SOFTWARE
        }
        return value
    }

    func printJSON<T: Encodable>(_ value: T) throws { try Output.json(value) }
}
