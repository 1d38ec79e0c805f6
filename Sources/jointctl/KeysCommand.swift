import ArgumentParser
import Foundation
import SupervisionBus

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create or show a department's keys, or the configuration authority's.",
        discussion: """
            A department's key directory holds its CURVE secret key (curve.key) and its Ed25519 \
            log-signing keys (signing-<id>.key), all mode 0600. It stays on the department's machine: \
            only the public parts, printed by these commands, go to the configuration authority.

            The authority's directory holds its signing keys (authority-<id>.key, mode 0600) and \
            anchor.json, the public keys every agent trusts (configuration anchorFile).

            Secret keys are never printed and never overwritten.
            """,
        subcommands: [Generate.self, Show.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a department's key directory, or with --authority the configuration authority.",
            discussion: """
                Existing keys are never overwritten: --rotate adds the next signing key to an existing \
                directory and keeps the older ones, whose public keys stay in the membership so that \
                the events they signed still verify. The agent signs with the highest key id that the \
                membership in force lists for it, from its next start.

                Examples:
                  On the fire department's machine (prints the entry for the authority):
                    jointctl keys generate --dir /etc/jointsupervision/keys \\
                        --department fire --endpoint tcp://10.0.0.2:7100
                  Later, a new signing key (send the printed entry again):
                    jointctl keys generate --dir /etc/jointsupervision/keys --rotate \\
                        --department fire --endpoint tcp://10.0.0.2:7100
                  At the configuration authority, once:
                    jointctl keys generate --authority shanghai-city \\
                        --dir /srv/jointsupervision/authority

                Exit codes: 0 created, 64 bad usage, 73 not created (keys exist, wrong permissions, \
                directory not writable; the message says what to do).
                """)

        @Option(help: "The directory to create, or with --rotate the existing one to add a key to.")
        var dir: String

        @Option(
            help: "Create the configuration authority with this id (e.g. shanghai-city) instead of department keys.")
        var authority: String?

        @Flag(help: "Add the next signing key to an existing directory; older keys are kept.")
        var rotate = false

        @OptionGroup var entry: EntryOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func validate() throws {
            if let authority {
                guard !authority.isEmpty, authority.allSatisfy({ !$0.isWhitespace && !$0.isNewline }) else {
                    throw ValidationError("--authority must be a non-empty id without spaces, e.g. shanghai-city")
                }
                guard entry.department == nil, entry.endpoint == nil else {
                    throw ValidationError("--department and --endpoint describe department keys, not --authority")
                }
            }
        }

        func run() throws {
            if let authority { return try generateAuthority(authority) }
            if !rotate, FileManager.default.fileExists(atPath: KeyDirectory.curveKeyFile(dir)) {
                throw Output.fail(
                    "\(dir) already holds department keys; never overwrite keys: use --rotate to add a signing key, or choose another --dir",
                    ExitStatus.cannotCreate)
            }
            let keys: KeyDirectory
            do {
                keys = try KeyDirectory.generate(at: dir, rotate: rotate)
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
            }
            let report = KeysReport(department: keys, entry: try entry.member(keys))
            if json { return try Output.json(report) }
            let newest = keys.signingKeys.keys.max() ?? 0
            if rotate {
                print("added signing key \(newest) to \(dir) (older keys kept, mode 0600)")
            } else {
                print(
                    "created department keys in \(dir): curve.key, signing-0.key (mode 0600; they never leave this machine)"
                )
            }
            report.printText()
            if let member = report.entry {
                print("")
                print(
                    """
                    next: send this entry to the configuration authority. It adds it to the membership draft's \
                    "departments" (replacing the old entry of \(member.id) if any), sets "receives": the event \
                    kinds and content categories \(member.id) may receive (nothing by default), signs a new \
                    version (jointctl membership sign) and pushes it (jointctl membership push). \
                    \(rotate ? "Restart the agent once that version is in force: it then signs with key \(newest)." : "Then start the agent with keysDirectory \(dir) and the signed document as membershipFile.")
                    """)
            } else {
                print("")
                print(
                    "the membership entry to send to the authority: jointctl keys show --dir \(dir) --department ID --endpoint tcp://HOST:PORT"
                )
            }
        }

        private func generateAuthority(_ authority: String) throws {
            if rotate, let anchor = try? TrustAnchor.load(from: AuthorityKey.anchorFile(dir)),
                anchor.authority != authority
            {
                throw Output.fail(
                    "\(dir) holds authority \(anchor.authority), not \(authority)", ExitStatus.cannotCreate)
            }
            let key: AuthorityKey
            let anchor: TrustAnchor
            do {
                key = try AuthorityKey.generate(authority: authority, at: dir, rotate: rotate)
                anchor = try TrustAnchor.load(from: AuthorityKey.anchorFile(dir))
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
            }
            let report = KeysReport(authority: anchor, directory: dir)
            if json { return try Output.json(report) }
            if rotate {
                print("added key \(key.keyID) to authority \(authority) in \(dir)")
            } else {
                print("created authority \(authority) in \(dir): authority-0.key (mode 0600) and anchor.json")
            }
            report.printText()
            print("")
            if rotate {
                print(
                    """
                    next: give the new anchor.json to every agent (configuration anchorFile) and restart them \
                    before signing: jointctl membership sign signs with the newest key, \(key.keyID), and agents \
                    with the old anchor would refuse the document.
                    """)
            } else {
                print(
                    """
                    next: give \(AuthorityKey.anchorFile(dir)) to every agent (configuration anchorFile); keep \
                    authority-0.key here. Sign memberships with: jointctl membership sign --authority \(dir) \
                    --in DRAFT.json --out membership.signed.json
                    """)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the public parts of a department's key directory or of an authority directory.",
            discussion: """
                Secret keys are read (to derive their public halves and check their permissions) but \
                never printed.

                Examples:
                  jointctl keys show --dir /etc/jointsupervision/keys
                  jointctl keys show --dir /etc/jointsupervision/keys \\
                      --department fire --endpoint tcp://10.0.0.2:7100
                  jointctl keys show --dir /srv/jointsupervision/authority --json

                Exit codes: 0 shown, 64 bad usage, 66 no keys there or unreadable (wrong permissions: \
                the message says which chmod to run).
                """)

        @Option(help: "A department key directory (curve.key) or an authority directory (anchor.json).")
        var dir: String

        @OptionGroup var entry: EntryOptions

        @Flag(help: "Print only the membership entry, one line of JSON (needs --department and --endpoint).")
        var entryOnly = false

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func validate() throws {
            if entryOnly, entry.department == nil {
                throw ValidationError("--entry-only needs --department and --endpoint")
            }
        }

        func run() throws {
            let report: KeysReport
            if FileManager.default.fileExists(atPath: AuthorityKey.anchorFile(dir)) {
                guard entry.department == nil, !entryOnly else {
                    throw Output.fail(
                        "\(dir) is an authority directory; --department describes department keys", 64)
                }
                do {
                    report = KeysReport(
                        authority: try TrustAnchor.load(from: AuthorityKey.anchorFile(dir)), directory: dir)
                } catch {
                    throw Output.fail(Output.message(error), ExitStatus.noInput)
                }
            } else if FileManager.default.fileExists(atPath: KeyDirectory.curveKeyFile(dir)) {
                let keys: KeyDirectory
                do {
                    keys = try KeyDirectory(path: dir)
                } catch {
                    throw Output.fail(Output.message(error), ExitStatus.noInput)
                }
                report = KeysReport(department: keys, entry: try entry.member(keys))
            } else {
                throw Output.fail(
                    "\(dir) holds neither department keys (curve.key) nor an authority (anchor.json); create them with `jointctl keys generate`",
                    ExitStatus.noInput)
            }
            if entryOnly, let member = report.entry { return print(try Output.compactJSON(member)) }
            if json { return try Output.json(report) }
            report.printText()
        }
    }
}

/// The department and endpoint that make a membership entry out of a key directory.
struct EntryOptions: ParsableArguments {
    @Option(help: "The department id ([a-z0-9-]{1,32}): print its membership entry (with --endpoint).")
    var department: String?

    @Option(help: "The department's bus endpoint as its peers reach it, e.g. tcp://10.0.0.2:7100.")
    var endpoint: String?

    @Option(help: "The department's name in the entry (default: its id).")
    var name: String?

    @Option(help: "Its department kind (market, fire, …) when the id is not the kind, e.g. for pudong-market.")
    var kind: String?

    @Option(help: "Its jurisdiction: a district (pudong) or district/sub-district (pudong/lujiazui); default the city.")
    var jurisdiction: String?

    func validate() throws {
        guard (department == nil) == (endpoint == nil) else {
            throw ValidationError("--department and --endpoint go together")
        }
        if let department, !Membership.isValidDepartmentID(department) {
            throw ValidationError("--department must match [a-z0-9-]{1,32}, got \(department)")
        }
        if let endpoint, !(endpoint.hasPrefix("tcp://") || endpoint.hasPrefix("ipc://")) {
            throw ValidationError("--endpoint must be tcp://HOST:PORT (or ipc://PATH), got \(endpoint)")
        }
        if (kind != nil || jurisdiction != nil) && department == nil {
            throw ValidationError("--kind and --jurisdiction describe the entry: they need --department and --endpoint")
        }
        if let kind, !Membership.isValidDepartmentID(kind) {
            throw ValidationError("--kind must match [a-z0-9-]{1,32}, got \(kind)")
        }
        if let jurisdiction, Jurisdiction(jurisdiction) == nil {
            throw ValidationError(
                "--jurisdiction must be a district (pudong) or district/sub-district (pudong/lujiazui), got \(jurisdiction)"
            )
        }
    }

    /// The membership entry for `keys`, with no data rights (deny by default), or `nil`
    /// without --department.
    func member(_ keys: KeyDirectory) throws -> Membership.Member? {
        guard let department, let endpoint else { return nil }
        let entry = keys.publicEntry
        return Membership.Member(
            id: department, name: name ?? department, busEndpoint: endpoint, curveKey: entry.curveKey,
            signingKeys: entry.signingKeys, roles: [], receives: DataRights(), kind: kind,
            jurisdiction: jurisdiction.flatMap(Jurisdiction.init) ?? .city)
    }
}
