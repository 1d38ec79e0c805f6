import ArgumentParser
import Foundation
import SupervisionBus

struct MembershipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "membership",
        abstract: "Sign, show, verify and distribute the signed membership document.",
        discussion: """
            The membership lists every department of the bus with its endpoint, its public keys and \
            its data rights (what it may receive), with a version and a validity period. The \
            configuration authority signs it (format JSMD1); agents accept only documents signed by \
            the key in their anchorFile, valid now, and newer than the one in force.

            A new version reaches every agent from any one of them: `membership push` hands it to one \
            agent, which verifies it, adopts it and announces it to its peers. Agents also re-read \
            their membershipFile when it changes.
            """,
        subcommands: [Sign.self, Show.self, Verify.self, Push.self, Current.self])

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a membership draft with the authority's newest key.",
            discussion: """
                The draft is a membership body (jointctl membership show --json prints the one in force) \
                in which version, issuedAt and expiresAt may be absent: the version comes from --version \
                or the draft, and is required; --valid-days N issues it now for N days; otherwise the \
                draft's dates are kept, else it is issued now for 90 days. The document is validated \
                (ids, endpoints, keys) and written atomically; an --out that holds the same or a newer \
                version is not replaced.

                Example:
                  jointctl membership sign --authority /srv/jointsupervision/authority \\
                      --in membership.draft.json --out membership.signed.json \\
                      --version 4 --valid-days 90

                Exit codes: 0 signed, 64 bad usage, 65 the draft is not valid (the message names the \
                field), 66 the draft or the authority cannot be read, 73 --out cannot be written.
                """)

        @Option(help: "The authority directory (authority-<id>.key and anchor.json).")
        var authority: String

        @Option(name: .customLong("in"), help: "The draft: a membership body as JSON.")
        var input: String

        @Option(help: "The signed document to write.")
        var out: String

        @Option(help: "The version to issue (default: the draft's); one more than the version in force.")
        var version: Int?

        @Option(help: "Issue it now, valid for this many days (default: the draft's dates, else 90 days).")
        var validDays: Int?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let key = try Output.authorityKey(at: authority)
            guard let draft = FileManager.default.contents(atPath: input) else {
                throw Output.fail("cannot read the draft \(input)", ExitStatus.noInput)
            }
            let membership: Membership
            let signed: SignedMembership
            do {
                membership = try Membership.draft(fromJSON: Array(draft), version: version, validDays: validDays)
                signed = try SignedMembership.sign(membership, with: key)
            } catch {
                throw Output.fail("\(input): \(Output.message(error))", ExitStatus.dataError)
            }
            if let existing = try? SignedMembership.load(from: out),
                let held = try? Membership.decode(existing.document), held.version >= membership.version
            {
                throw Output.fail(
                    "\(out) holds version \(held.version); sign version \(held.version + 1) or later (--version), agents never go back",
                    ExitStatus.cannotCreate)
            }
            do {
                try signed.write(to: out)
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
            }
            let summary = MembershipSummary(signed, anchor: nil)
            if json { return try Output.json(summary) }
            print(
                "signed membership version \(membership.version) with \(key.authority) key \(key.keyID): \(membership.departments.count) departments, valid \(membership.issuedAt.formatted(.iso8601)) → \(membership.expiresAt.formatted(.iso8601))"
            )
            print("wrote \(out)")
            print(
                "next: jointctl membership push \(out) -a CONTROL (one agent spreads it to its peers), or replace each agent's membershipFile"
            )
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a signed membership: signer, version, validity, members and their data rights.",
            discussion: """
                With --anchor, also verifies it (signature, authority, validity now) and exits 1 when \
                it does not verify. --json prints the body too: a starting point for the next draft.

                Examples:
                  jointctl membership show membership.signed.json
                  jointctl membership show membership.signed.json \\
                      --anchor /etc/jointsupervision/anchor.json
                """)

        @Argument(help: "The signed membership file.")
        var file: String

        @Option(help: "The trust anchor (anchor.json, or the authority directory) to verify it with.")
        var anchor: String?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let signed = try loadSigned(file)
            let summary = MembershipSummary(signed, anchor: try anchor.map(loadAnchor))
            if json { try Output.json(summary) } else { summary.printText(heading: "membership") }
            guard summary.isAcceptable else { throw ExitCode(ExitStatus.verificationFailed) }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a signed membership against a trust anchor, now.",
            discussion: """
                Exit code 0 when the document is signed by the anchor's authority with one of its keys, \
                well formed and valid now; otherwise 1, with the reason: mis-signed (altered or signed \
                with another key), other-authority, unknown-key, expired, not-yet-valid or malformed. \
                66 when a file cannot be read.

                Example:
                  jointctl membership verify membership.signed.json \\
                      --anchor /etc/jointsupervision/anchor.json
                """)

        @Argument(help: "The signed membership file.")
        var file: String

        @Option(help: "The trust anchor (anchor.json, or the authority directory).")
        var anchor: String

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let trust = try loadAnchor(anchor)
            let bytes = try readFile(file)
            let result: Result<Membership, MembershipRefusal>
            do {
                result = try SignedMembership.parse(Array(bytes)).check(anchor: trust)
            } catch {
                result = .failure(MembershipRefusal(.malformed, Output.message(error)))
            }
            if json {
                try Output.json(VerifyReport(file: file, result: result))
            }
            switch result {
            case .success(let membership):
                if !json {
                    print(
                        "OK: membership version \(membership.version) signed by \(trust.authority), valid until \(membership.expiresAt.formatted(.iso8601)) (\(membership.departments.count) departments)"
                    )
                }
            case .failure(let refusal):
                if !json {
                    FileHandle.standardError.write(
                        Data("jointctl: \(file) is NOT valid (\(refusal.reason.rawValue)): \(refusal.message)\n".utf8))
                }
                throw ExitCode(ExitStatus.verificationFailed)
            }
        }
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a signed membership to an agent, which verifies it, adopts it and tells its peers.",
            discussion: """
                The agent refuses a document that is not signed by its anchor, not valid now, or not \
                newer than the one in force (exit 65, with the reason). Watch it spread with \
                `jointctl status --json` (membershipVersion) on each agent.

                Example:
                  jointctl membership push membership.signed.json \\
                      -a ipc:///var/lib/jointsupervision/fire/control.sock
                """)

        @OptionGroup var options: AgentOptions

        @Argument(help: "The signed membership file.")
        var file: String

        func run() throws {
            let bytes = try readFile(file)
            let version: Int
            do {
                version = try Membership.decode(try SignedMembership.parse(Array(bytes)).document).version
            } catch {
                throw Output.fail("\(file): \(Output.message(error))", ExitStatus.dataError)
            }
            let reply = try options.send(
                ControlRequest(
                    command: "membership.push", arguments: ["document": String(decoding: bytes, as: UTF8.self)]))
            let department = reply.status?.department ?? "the agent"
            if options.json { return try Output.json(PushReport(department: department, version: version)) }
            print(
                "\(department) verified membership version \(version): it adopts it and announces it to its peers")
        }
    }

    struct Current: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the membership in force at an agent (or save it with --out).",
            discussion: """
                Example:
                  jointctl membership current --out current.signed.json \\
                      -a ipc:///var/lib/jointsupervision/fire/control.sock
                """)

        @OptionGroup var options: AgentOptions

        @Option(help: "Also write the signed document to this file.")
        var out: String?

        func run() throws {
            let reply = try options.send(ControlRequest(command: "membership"))
            guard let body = reply.body, let signed = try? SignedMembership.parse(Array(body.utf8)) else {
                throw Output.fail("the agent's reply to membership is not a signed document (version mismatch?)", 70)
            }
            if let out {
                do {
                    try signed.write(to: out)
                } catch {
                    throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
                }
            }
            let summary = MembershipSummary(signed, anchor: nil)
            if options.json { return try Output.json(summary) }
            summary.printText(heading: "membership in force:")
            if let out { print("\nwrote \(out)") }
        }
    }
}

/// What `membership verify --json` prints.
private struct VerifyReport: Encodable {
    var file: String
    var valid: Bool
    var version: Int?
    var expiresAt: Date?
    var reason: MembershipRefusal.Reason?
    var message: String?

    init(file: String, result: Result<Membership, MembershipRefusal>) {
        self.file = file
        switch result {
        case .success(let membership):
            valid = true
            version = membership.version
            expiresAt = membership.expiresAt
        case .failure(let refusal):
            valid = false
            reason = refusal.reason
            message = refusal.message
        }
    }
}

/// What `membership push --json` prints.
private struct PushReport: Encodable {
    var department: String
    var version: Int
}

/// The bytes of `path`, or exit 66.
func readFile(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw Output.fail("cannot read \(path)", ExitStatus.noInput)
    }
    return data
}

/// A signed document from `path` (exit 66 unreadable, 65 not a signed document).
private func loadSigned(_ path: String) throws -> SignedMembership {
    do {
        return try SignedMembership.parse(Array(try readFile(path)))
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw Output.fail("\(path): \(Output.message(error))", ExitStatus.verificationFailed)
    }
}

/// A trust anchor from an anchor file or an authority directory (exit 66).
func loadAnchor(_ path: String) throws -> TrustAnchor {
    var isDirectory: ObjCBool = false
    let file =
        FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        ? AuthorityKey.anchorFile(path) : path
    do {
        return try TrustAnchor.load(from: file)
    } catch {
        throw Output.fail(Output.message(error), ExitStatus.noInput)
    }
}
