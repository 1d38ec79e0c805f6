import Foundation
import Logging
import Supervision
import SupervisionBus
import SupervisionProtocol
import Synchronization

extension DepartmentAgent {
    /// Adopts the catalog of a `catalog` event (any origin's) when it is signed by the trusted
    /// authority; it comes into force when newer than the one in force. Refusals are logged
    /// and counted, and change nothing.
    func adoptCatalog(from event: EventEnvelope) {
        guard !event.isPayloadWithheld else { return }
        guard let anchor else {
            logger.warning(
                "catalog event ignored: no trust anchor to verify it",
                metadata: ["event.origin": "\(event.origin)", "event.seq": "\(event.seq)"])
            return
        }
        let result = Result { try SignedCatalog.parse(event.payload) }
            .mapError { MembershipRefusal(.malformed, "\($0)") }
            .flatMap { signed in signed.check(anchor: anchor).map { (signed, $0) } }
        switch result {
        case .success(let (signed, catalog)):
            shared.withLock { _ = $0.catalogsOnBus.insert(catalog.version) }
            if catalogs.add(catalog, signed: signed) {
                logger.notice(
                    "catalog adopted",
                    metadata: [
                        "catalog.version": "\(catalog.version)", "catalog.label": "\(catalog.label)",
                        "event.origin": "\(event.origin)", "event.seq": "\(event.seq)",
                    ])
            }
        case .failure(let refusal):
            shared.withLock { $0.catalogsRefused += 1 }
            logger.error(
                "catalog event refused",
                metadata: [
                    "event.origin": "\(event.origin)", "event.seq": "\(event.seq)",
                    "reason": "\(refusal.reason.rawValue)",
                    "error": "\(refusal.message)",
                ])
        }
    }

    /// `catalog`: the catalog in force and the versions held (`body=true`: with its document).
    func catalogCurrent(_ args: Arguments) -> CatalogSummary {
        CatalogSummary(
            catalogs.current, signed: catalogs.currentSigned, held: catalogs.versions,
            includeBody: args["body"] == "true")
    }

    /// `catalog.push`: verifies a signed catalog (`document`, the JSCD1 file) and, when newer than
    /// the one in force, appends it to this department's log; every agent adopts it from there.
    func pushCatalog(_ args: Arguments, writer: inout Writer) async throws -> CatalogSummary {
        guard let text = args.values["document"], !text.isEmpty else {
            throw AgentError(.invalidArgument, "catalog.push needs the signed catalog in arguments.document")
        }
        guard let anchor else {
            throw AgentError(
                .invalidState, "this agent has no trust anchor (anchorFile) to verify a catalog with")
        }
        let signed = try SignedCatalog.parse(Array(text.utf8))
        let catalog = try signed.verify(anchor: anchor)
        let current = catalogs.current.version
        guard catalog.version > current else {
            throw AgentError(
                .invalidState, "catalog version \(catalog.version) is not newer than version \(current) in force")
        }
        try await announce(signed, writer: &writer)
        return CatalogSummary(catalog, signed: signed, held: catalogs.versions)
    }

    /// Appends `signed` as a `catalog` event and waits until the fold adopted it.
    func announce(_ signed: SignedCatalog, writer: inout Writer) async throws {
        _ = try await append(&writer) { _ in [EventDraft(kind: .catalog, payload: signed.serialized())] }
    }

    /// After the first catch-up: a catalog read from the `catalogFile` that no event on the bus
    /// carries yet is announced, so peers adopt it too.
    func announceFileCatalog(writer: inout Writer) async {
        guard let signed = catalogs.currentSigned else { return }
        let version = catalogs.current.version
        guard !shared.withLock({ $0.catalogsOnBus.contains(version) }) else { return }
        do {
            try await announce(signed, writer: &writer)
            logger.notice("catalog from the catalog file announced", metadata: ["catalog.version": "\(version)"])
        } catch {
            logger.error("cannot announce the catalog file's catalog", metadata: ["error": "\(error)"])
        }
    }

    /// Why this department cannot consent to a plan composed under `version`, or `nil`.
    func catalogRefusal(planCatalog version: Int) -> String? {
        guard version != 0, catalogs.catalog(version: version) == nil else { return nil }
        let held = catalogs.versions.map(String.init).joined(separator: ", ")
        return
            "catalog: the plan was composed under catalog version \(version), which \(department) does not hold (it holds \(held)); push that catalog with `jointctl catalog push`"
    }
}

extension CatalogShelf {
    /// The bundled catalog, and the signed one of `file` when given and newer (verified with the
    /// trust anchor at `anchorFile`).
    public static func load(catalogFile file: String?, anchorFile: String) throws -> CatalogShelf {
        let shelf = try CatalogShelf.bundled()
        guard let file else { return shelf }
        let anchor: TrustAnchor
        do {
            anchor = try TrustAnchor.load(from: anchorFile)
        } catch let error as BusError {
            throw AgentError(.invalidData, "catalogFile \(file) cannot be verified: \(error.message)")
        }
        let signed = try SignedCatalog.load(from: file)
        do {
            shelf.add(try signed.verify(anchor: anchor), signed: signed)
        } catch let error as AgentError {
            throw AgentError(.invalidData, "catalogFile \(file): \(error.message)")
        }
        return shelf
    }
}
