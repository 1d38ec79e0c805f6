import Foundation
import GRDB
import SupervisionProtocol

/// One audit of one file: the state ``StoreAudit/run(store:progress:)`` accumulates while it
/// streams the rows.
struct AuditRun {
    let path: String
    let anchor: TrustAnchor
    let categorize: EventCategorizer
    let interval: Int
    private var ledger = AuditLedger()
    private var department: String?
    private var schema: Int?
    private var complete = true
    private var keys = AuditKeyRing()
    private var memberships: [Int: Membership] = [:]
    private var unverified: Set<Int> = []
    private var origins: [OriginAudit] = []
    private var equivocations: [AuditedEquivocation] = []
    /// Where the audit is, to place an SQLite error that stops it.
    private var at: (origin: String?, seq: UInt64?) = (nil, nil)

    init(path: String, anchor: TrustAnchor, categorize: @escaping EventCategorizer, interval: Int) {
        self.path = path
        self.anchor = anchor
        self.categorize = categorize
        self.interval = max(1, interval)
    }

    /// Runs every check in order.
    mutating func audit(_ db: Database, progress: (AuditProgress) -> Void) throws {
        guard try checkStore(db) else { return }
        try checkMemberships(db)
        let rights = AuditRights(
            department: department ?? "", memberships: memberships, unverified: unverified, categorize: categorize)
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        var audited = 0
        let names = try DatabaseValue.fetchAll(
            db, sql: "SELECT origin FROM events UNION SELECT origin FROM checkpoints ORDER BY 1")
        for name in names {
            guard let origin = String.fromDatabaseValue(name) else {
                ledger.fail(AuditBreak(check: .store, expected: "origin ids as text", found: "origin \(name)"))
                continue
            }
            at = (origin, nil)
            var auditor = OriginAuditor(origin: origin, keys: keys, rights: rights)
            let events = try AuditRawRows(
                db, sql: "SELECT \(AuditEventRow.columns) FROM events WHERE origin = ? ORDER BY seq",
                arguments: [name])
            let checkpoints = try AuditRawRows(
                db, sql: "SELECT \(AuditCheckpointRow.columns) FROM checkpoints WHERE origin = ? ORDER BY seq",
                arguments: [name])
            let foreign = origin != department
            var pending = try nextCheckpoint(checkpoints, origin: origin)
            while try events.next() {
                let decoded = AuditEventRow.decode(events, origin: origin, copyPayload: foreign)
                guard let seq = (try? decoded.get())?.seq ?? events.int64(0) else {
                    fail(decoded, origin: origin)
                    continue
                }
                at.seq = UInt64(clamping: seq)
                var orphans: [AuditCheckpointRow] = []
                while let checkpoint = pending, checkpoint.seq < seq {
                    orphans.append(checkpoint)
                    pending = try nextCheckpoint(checkpoints, origin: origin)
                }
                switch decoded {
                case .success(let event):
                    auditor.event(event, orphans: orphans, ledger: &ledger)
                case .failure:
                    fail(decoded, origin: origin)
                    auditor.unreadableEvent(seq: seq, orphans: orphans, ledger: &ledger)
                }
                while let checkpoint = pending, checkpoint.seq == seq {
                    auditor.checkpoint(checkpoint, ledger: &ledger)
                    pending = try nextCheckpoint(checkpoints, origin: origin)
                }
                audited += 1
                if audited % interval == 0 { progress(AuditProgress(eventsAudited: audited, eventsTotal: total)) }
            }
            while let checkpoint = pending {
                auditor.checkpoint(checkpoint, ledger: &ledger)
                pending = try nextCheckpoint(checkpoints, origin: origin)
            }
            auditor.finish(ledger: &ledger)
            origins.append(auditor.summary)
        }
        at = (nil, nil)
        equivocations = try AuditedEquivocation.audit(db, keys: keys)
        if audited % interval != 0 || audited == 0 {
            progress(AuditProgress(eventsAudited: audited, eventsTotal: total))
        }
    }

    /// The next readable checkpoint row of the cursor (unreadable ones are reported and skipped).
    private mutating func nextCheckpoint(_ rows: AuditRawRows, origin: String) throws -> AuditCheckpointRow? {
        while try rows.next() {
            switch AuditCheckpointRow.decode(rows, origin: origin) {
            case .success(let checkpoint): return checkpoint
            case .failure(let problem):
                ledger.fail(
                    AuditBreak(
                        check: .store, origin: origin, seq: problem.seq,
                        expected: "checkpoint rows of the schema's types",
                        found: problem.message))
            }
        }
        return nil
    }

    private mutating func fail(_ decoded: Result<AuditEventRow, AuditRowProblem>, origin: String) {
        guard case .failure(let problem) = decoded else { return }
        ledger.fail(
            AuditBreak(
                check: .store, origin: origin, seq: problem.seq, expected: "event rows of the schema's types",
                found: problem.message))
    }

    /// The store-wide checks; `false` when the file is not a store whose rows can be audited.
    private mutating func checkStore(_ db: Database) throws -> Bool {
        ledger.pass(.store)  // it opened as an SQLite database
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard applicationID == EventStore.applicationID else {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            let found =
                applicationID == 0 && tables == 0
                ? "an empty SQLite database: was only the main file of the WAL-mode store copied? Copy store.sqlite-wal with it, or copy with sqlite3 .backup"
                : "application_id 0x\(String(UInt32(bitPattern: applicationID), radix: 16, uppercase: true)): another SQLite database"
            ledger.fail(
                AuditBreak(
                    check: .store, expected: "SQLite application_id 0x4A53424C (a JointSupervision store)",
                    found: found))
            return false
        }
        ledger.pass(.store)
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        let missing = ["meta", "events", "checkpoints", "memberships"].filter { !tables.contains($0) }
        guard missing.isEmpty else {
            ledger.fail(
                AuditBreak(
                    check: .store, expected: "tables meta, events, checkpoints, memberships",
                    found: "no table \(missing.joined(separator: ", "))"))
            return false
        }
        department = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'department'")
        let schemaText = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'")
        schema = schemaText.flatMap { Int($0) }
        guard department != nil, schemaText == String(EventStore.schemaVersion) else {
            ledger.fail(
                AuditBreak(
                    check: .store, expected: "meta naming the department and schema \(EventStore.schemaVersion)",
                    found: "department \(department ?? "none"), schema \(schemaText ?? "none")"))
            return false
        }
        ledger.pass(.store)
        let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
        ledger.record(.store, integrity == ["ok"]) {
            AuditBreak(
                check: .store, expected: "PRAGMA quick_check: ok",
                found: integrity.prefix(3).joined(separator: "; "))
        }
        return true
    }

    /// Verifies every membership document and collects the signing keys and data rights.
    private mutating func checkMemberships(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT version, document FROM memberships ORDER BY version")
        var count = 0
        while let row = try rows.next() {
            count += 1
            guard let version = Int.fromDatabaseValue(row[0]), let document = Data.fromDatabaseValue(row[1]) else {
                ledger.fail(
                    AuditBreak(
                        check: .membership, expected: "an integer version and a document blob",
                        found: "a row of other types"))
                continue
            }
            do {
                let membership = try SignedMembership.parse(Array(document)).verifySignature(anchor: anchor)
                guard membership.version == version else {
                    unverified.insert(version)
                    ledger.fail(
                        AuditBreak(
                            check: .membership, membershipVersion: version,
                            expected: "the document of version \(version)",
                            found: "a document of version \(membership.version)"))
                    continue
                }
                try keys.add(membership)
                memberships[version] = membership
                ledger.pass(.membership)
            } catch {
                unverified.insert(version)
                ledger.fail(
                    AuditBreak(
                        check: .membership, membershipVersion: version,
                        expected: "a document signed by \(anchor.authority) (the anchor)",
                        found: (error as? BusError)?.message ?? "\(error)"))
            }
        }
        if count == 0 {
            ledger.fail(
                AuditBreak(
                    check: .membership, expected: "at least one signed membership document (agents save theirs)",
                    found: "none"))
        }
    }

    /// Records the SQLite error that stopped the audit as a store break where it happened.
    mutating func stopped(by error: any Error) {
        complete = false
        let found =
            (error as? DatabaseError).map { "SQLite error \($0.resultCode.rawValue): \($0.message ?? "unknown")" }
            ?? "\(error)"
        ledger.fail(
            AuditBreak(
                check: .store, origin: at.origin, seq: at.seq, expected: "a readable SQLite database", found: found))
    }

    /// The report of what was audited.
    func report() -> StoreAuditReport {
        StoreAuditReport(
            store: path, department: department, schema: schema, complete: complete, firstBreak: ledger.firstBreak,
            verifiedMemberships: memberships.keys.sorted(), signingKeys: keys.count, origins: origins,
            tallies: ledger.orderedTallies, equivocations: equivocations)
    }
}
