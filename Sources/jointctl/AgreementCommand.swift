import ArgumentParser
import Foundation
import SupervisionBus

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Draft, sign and show a bilateral agreement between two regions' authorities (format JSFA1).",
        discussion: """
            An agreement names both configuration authorities with their anchor keys, which members of \
            each side may exchange which event kinds and categories in which direction, and a validity \
            period. Each authority signs it with its own key; an agent refuses it unless both signatures \
            verify against the two anchors and it is valid now. An agent given the foreign anchor, the \
            foreign membership and the agreement (foreignAnchorFile, foreignMembershipFile, \
            agreementFile) exchanges with the named foreign members what the agreement allows, nothing else.

            Workflow:
              jointctl agreement draft --id sh-sz-market --version 1 --valid-days 90 \\
                  --anchor shanghai/anchor.json --anchor suzhou/anchor.json \\
                  --exchanges exchanges.json --out agreement.json
              jointctl agreement sign agreement.json --authority /srv/jointsupervision/authority   # at A
              jointctl agreement sign agreement.json --authority /srv/suzhou/authority             # at B
              jointctl agreement show agreement.json --anchor shanghai/anchor.json --anchor suzhou/anchor.json
            """,
        subcommands: [Draft.self, Sign.self, Show.self])

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an unsigned agreement from the two anchors and a list of exchanges.",
            discussion: """
                --exchanges is a JSON array; each exchange lets fromMembers of the authority `from` send \
                the content of `kinds` (in `categories`, for categorised kinds) to toMembers of `to`:
                  [ { "from": "shanghai-city", "fromMembers": ["market"], "to": "suzhou-city",
                      "toMembers": ["js-market"], "kinds": ["finding"], "categories": ["food-safety"] } ]
                The parties' keys are copied from the two anchors. Exit codes: 0 written, 65 the \
                exchanges are not valid, 66 an input cannot be read, 73 --out cannot be written.
                """)

        @Option(help: "The agreement id, [a-z0-9-]{1,32}.")
        var id: String

        @Option(help: "The version, one more than the agreement in force.")
        var version: Int = 1

        @Option(help: "Days of validity from now.")
        var validDays: Int = 90

        @Option(help: "The two authorities' anchors (anchor.json or authority directory); give it twice.")
        var anchor: [String] = []

        @Option(help: "The exchanges, a JSON array (see above).")
        var exchanges: String

        @Option(help: "The unsigned agreement to write.")
        var out: String

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func validate() throws {
            guard anchor.count == 2 else { throw ValidationError("give --anchor twice: one per authority") }
            guard (1...3650).contains(validDays) else { throw ValidationError("--valid-days must be 1…3650") }
        }

        func run() throws {
            let anchors = try anchor.map(loadAnchor)
            let list: [FederationAgreement.Exchange]
            do {
                list = try JSONDecoder().decode([FederationAgreement.Exchange].self, from: Data(readFile(exchanges)))
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw Output.fail("\(exchanges) is not a JSON array of exchanges: \(error)", ExitStatus.dataError)
            }
            let now = Date()
            let agreement = FederationAgreement(
                id: id, version: version, issuedAt: now,
                expiresAt: now.addingTimeInterval(TimeInterval(validDays) * 86400),
                parties: anchors.map(FederationAgreement.Party.init), exchanges: list)
            let draft: SignedAgreement
            do {
                draft = try SignedAgreement(draft: agreement)
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.dataError)
            }
            do {
                try draft.write(to: out)
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
            }
            let summary = AgreementSummary(draft, anchors: nil)
            if json { return try Output.json(summary) }
            print("wrote unsigned agreement \(id) version \(version) to \(out)")
            print("next: each authority runs jointctl agreement sign \(out) --authority ITS-DIRECTORY")
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add this authority's signature to an agreement (in place, or to --out).",
            discussion: """
                The authority must be a party and its newest key the one the agreement lists for it; \
                an earlier signature of the same authority is replaced, the other party's is kept. \
                Exit codes: 0 signed, 65 not a party or not a valid agreement, 66 unreadable, 73 cannot write.
                """)

        @Argument(help: "The agreement file.")
        var file: String

        @Option(help: "The authority directory (authority-<id>.key and anchor.json).")
        var authority: String

        @Option(help: "Where to write the signed agreement (default: the file itself).")
        var out: String?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let key = try Output.authorityKey(at: authority)
            let signed: SignedAgreement
            do {
                signed = try SignedAgreement.parse(Array(readFile(file))).signed(with: key)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw Output.fail("\(file): \(Output.message(error))", ExitStatus.dataError)
            }
            do {
                try signed.write(to: out ?? file)
            } catch {
                throw Output.fail(Output.message(error), ExitStatus.cannotCreate)
            }
            let summary = AgreementSummary(signed, anchors: nil)
            if json { return try Output.json(summary) }
            print(
                "signed with \(key.authority) key \(key.keyID); signatures: \(signed.signatures.map(\.authority).joined(separator: ", "))"
            )
            print("wrote \(out ?? file)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an agreement: parties, signatures, validity and what crosses in each direction.",
            discussion: """
                With --anchor twice (one per authority), also verifies it (both signatures, the parties' \
                keys, validity now) and exits 1 with the reason when it does not verify: missing-signature, \
                mis-signed, other-authority, unknown-key, expired, not-yet-valid or malformed.

                Example:
                  jointctl agreement show agreement.json --anchor shanghai/anchor.json --anchor suzhou/anchor.json
                """)

        @Argument(help: "The agreement file.")
        var file: String

        @Option(help: "The two authorities' anchors to verify it with; give it twice.")
        var anchor: [String] = []

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func validate() throws {
            guard anchor.isEmpty || anchor.count == 2 else {
                throw ValidationError("give --anchor twice (one per authority), or not at all")
            }
        }

        func run() throws {
            let signed: SignedAgreement
            do {
                signed = try SignedAgreement.parse(Array(readFile(file)))
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw Output.fail("\(file): \(Output.message(error))", ExitStatus.dataError)
            }
            let anchors = anchor.isEmpty ? nil : try anchor.map(loadAnchor)
            let summary = AgreementSummary(signed, anchors: anchors)
            if json { try Output.json(summary) } else { summary.printText() }
            guard summary.isAcceptable else { throw ExitCode(ExitStatus.verificationFailed) }
        }
    }
}
