import ArgumentParser
import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Draft, sign, show, verify and distribute the signed catalog (scenarios, items, rules, calendars).",
        discussion: """
            The catalog holds the reference data every department shares: scenarios (监管一件事场景) and \
            checklist items with owner, legal basis, category and measure; no-penalty rules of any \
            department; referral routes; draw rates; referral service levels; working calendars for \
            several years. The configuration authority signs it (format JSCD1, Protocols/spec/2-JSC.md); \
            agents adopt a newer version without restart, keep the older ones, and name the version in \
            every plan and finding. The bundled catalog (version 1) is the default.

            Workflow:
              jointctl catalog draft --out catalog.draft.json          # bundled catalog, version 2
              (edit: add a scenario, items, rules, a calendar year)
              jointctl catalog sign --authority DIR --in catalog.draft.json --out catalog.signed.json
              jointctl catalog push catalog.signed.json -a CONTROL     # one agent spreads it
              jointctl catalog current -a CONTROL                      # on any agent
            """,
        subcommands: [Draft.self, Sign.self, Show.self, Verify.self, Push.self, Current.self])

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a catalog draft to edit: the bundled catalog, or the one of --from, as the next version.",
            discussion: """
                --from takes a signed catalog (JSCD1) or a catalog document (JSON). The draft is the \
                document with its version raised by one; edit it, then sign it.

                Exit codes: 0 written, 65 --from is not a catalog, 66 --from cannot be read, 73 --out cannot be written.
                """)

        @Option(help: "A signed catalog or a catalog document to start from (default: the bundled catalog).")
        var from: String?

        @Option(help: "The draft to write (default: standard output).")
        var out: String?

        func run() throws {
            var document: CatalogDocument
            if let from {
                document = try loadCatalog(from).catalog.document
            } else {
                document = try BundledData.catalogDocument()
            }
            document.version += 1
            let bytes = try Catalog(document).encoded() + [0x0A]
            guard let out else { return FileHandle.standardOutput.write(Data(bytes)) }
            do {
                try DurableFile.replace(out, with: bytes)
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
            }
            print("wrote catalog draft version \(document.version) to \(out)")
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a catalog draft and sign it with the authority's newest key.",
            discussion: """
                The draft is validated first (ids, items named by scenarios and rules, measures, routes, \
                calendars without gaps); the message names the first problem. An --out that holds the \
                same or a newer version is not replaced: agents never go back.

                Example:
                  jointctl catalog sign --authority /srv/jointsupervision/authority \\
                      --in catalog.draft.json --out catalog.signed.json

                Exit codes: 0 signed, 65 the draft is not valid, 66 the draft or the authority cannot be \
                read, 73 --out cannot be written or holds a newer version.
                """)

        @Option(help: "The authority directory (authority-<id>.key and anchor.json).")
        var authority: String

        @Option(name: .customLong("in"), help: "The draft: a catalog document as JSON.")
        var input: String

        @Option(help: "The signed catalog to write.")
        var out: String

        @Option(help: "The version to issue (default: the draft's).")
        var version: Int?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let key = try Output.authorityKey(at: authority)
            let draft = try readFile(input)
            let catalog: Catalog
            do {
                var document = try JSONDecoder().decode(CatalogDocument.self, from: draft)
                if let version { document.version = version }
                catalog = try Catalog(document)
            } catch let error as DecodingError {
                throw Output.fail("\(input): not a catalog document: \(error)", ExitStatus.dataError)
            } catch {
                throw Output.fail("\(input): \(Output.message(error))", ExitStatus.dataError)
            }
            if let data = FileManager.default.contents(atPath: out), let held = try? SignedCatalog.parse(Array(data)),
                let heldVersion = try? Catalog.decode(held.envelope.document).version, heldVersion >= catalog.version
            {
                throw Output.fail(
                    "\(out) holds catalog version \(heldVersion); sign version \(heldVersion + 1) or later (--version)",
                    ExitStatus.cannotCreate)
            }
            let signed = try SignedCatalog.sign(catalog, with: key)
            do {
                try DurableFile.replace(out, with: signed.serialized())
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
            }
            let summary = CatalogSummary(catalog, signed: signed)
            if json { return try Output.json(summary) }
            print(
                "signed catalog version \(catalog.version) (\(catalog.label)) with \(key.authority) key \(key.keyID): \(summary.scenarios.count) scenarios, \(summary.items) items, calendars \(summary.calendarCoverage)"
            )
            print("wrote \(out)")
            print("next: jointctl catalog push \(out) -a CONTROL (one agent spreads it to its peers)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a signed catalog (or a catalog document): version, scenarios, items, rules, calendars.",
            discussion: "With --anchor, also verifies the signature and exits 1 when it does not verify.")

        @Argument(help: "The signed catalog file (or a catalog document).")
        var file: String

        @Option(help: "The trust anchor (anchor.json, or the authority directory) to verify it with.")
        var anchor: String?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let loaded = try loadCatalog(file)
            var refusal: MembershipRefusal?
            if let anchor {
                guard let signed = loaded.signed else {
                    throw Output.fail(
                        "\(file) is a catalog document, not a signed catalog", ExitStatus.verificationFailed)
                }
                if case .failure(let reason) = signed.check(anchor: try loadAnchor(anchor)) { refusal = reason }
            }
            let summary = CatalogSummary(loaded.catalog, signed: loaded.signed)
            if json { try Output.json(summary) } else { printSummary(summary, heading: "catalog") }
            if let refusal {
                throw Output.fail("\(file) does NOT verify (\(refusal.reason.rawValue)): \(refusal.message)", 1)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a signed catalog against a trust anchor.",
            discussion: """
                Exit code 0 when it is signed by the anchor's authority with one of its keys and the \
                catalog is valid; otherwise 1 with the reason (mis-signed, other-authority, unknown-key, \
                malformed). 66 when a file cannot be read.
                """)

        @Argument(help: "The signed catalog file.")
        var file: String

        @Option(help: "The trust anchor (anchor.json, or the authority directory).")
        var anchor: String

        func run() throws {
            let trust = try loadAnchor(anchor)
            let bytes = try readFile(file)
            let result: Result<Catalog, MembershipRefusal>
            do {
                result = try SignedCatalog.parse(Array(bytes)).check(anchor: trust)
            } catch {
                result = .failure(MembershipRefusal(.malformed, Output.message(error)))
            }
            switch result {
            case .success(let catalog):
                print("OK: catalog version \(catalog.version) (\(catalog.label)) signed by \(trust.authority)")
            case .failure(let refusal):
                throw Output.fail("\(file) is NOT valid (\(refusal.reason.rawValue)): \(refusal.message)", 1)
            }
        }
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a signed catalog to an agent, which verifies it and appends it to its log for every peer.",
            discussion: """
                The agent refuses a catalog not signed by its anchor, invalid, or not newer than the one \
                in force (exit 65, with the reason). Watch it spread with `jointctl catalog current` on \
                each agent.

                Example:
                  jointctl catalog push catalog.signed.json -a ipc:///var/lib/jointsupervision/market/control.sock
                """)

        @OptionGroup var options: AgentOptions

        @Argument(help: "The signed catalog file.")
        var file: String

        func run() throws {
            let bytes = try readFile(file)
            let summary = try options.call(
                "catalog.push", ["document": String(decoding: bytes, as: UTF8.self)], as: CatalogSummary.self)
            if options.json { return try Output.json(summary) }
            print(
                "the agent adopted catalog version \(summary.version) (\(summary.label)) and announced it to its peers")
        }
    }

    struct Current: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Show the catalog in force at an agent and the versions it holds (or save its document with --out).",
            discussion: """
                --out writes the catalog document (JSON): a starting point for `catalog draft --from`.

                Example:
                  jointctl catalog current -a ipc:///var/lib/jointsupervision/fire/control.sock
                """)

        @OptionGroup var options: AgentOptions

        @Option(help: "Also write the catalog document to this file.")
        var out: String?

        func run() throws {
            var summary = try options.call("catalog", out == nil ? [:] : ["body": "true"], as: CatalogSummary.self)
            if let out, let body = summary.body {
                do {
                    try DurableFile.replace(out, with: Array(body.utf8) + [0x0A])
                } catch {
                    throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
                }
                summary.body = nil
            }
            if options.json { return try Output.json(summary) }
            printSummary(summary, heading: "catalog in force:")
            if let out { print("\nwrote \(out)") }
        }
    }
}

/// A catalog from a signed file or a document (exit 66 unreadable, 65 neither).
private func loadCatalog(_ path: String) throws -> (catalog: Catalog, signed: SignedCatalog?) {
    let bytes = Array(try readFile(path))
    do {
        if let signed = try? SignedCatalog.parse(bytes) {
            return (try Catalog.decode(signed.envelope.document), signed)
        }
        return (try Catalog.decode(bytes), nil)
    } catch {
        throw Output.fail("\(path): \(Output.message(error))", ExitStatus.dataError)
    }
}

private func printSummary(_ s: CatalogSummary, heading: String) {
    print("\(heading) version \(s.version) (\(s.label))")
    print("  signed by:   \(s.authority.map { "\($0) key \(s.keyId ?? 0)" } ?? "nobody (bundled)")")
    print("  digest:      \(s.digest)")
    print("  scenarios:   \(s.scenarios.joined(separator: ", "))")
    print("  items:       \(s.items) of \(s.departments.joined(separator: ", "))")
    let rules = s.noPenaltyRules.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    print("  no-penalty:  \(rules.isEmpty ? "none" : rules.joined(separator: ", "))")
    print("  routes:      \(s.routes)")
    print("  calendars:   \(s.calendars.joined(separator: ", ")) covering \(s.calendarCoverage)")
    if let held = s.held { print("  held:        versions \(held.map(String.init).joined(separator: ", "))") }
}
