import SupervisionProtocol

/// The data-rights check: a payload from another origin must have been allowed for the store's
/// department by the membership version recorded with the event.
struct AuditRights {
    /// The department that owns the store.
    let department: String
    /// The membership versions in the store whose documents verified.
    let memberships: [Int: Membership]
    /// Versions in the store whose documents did not verify.
    let unverified: Set<Int>
    let categorize: EventCategorizer

    /// Checks `row` if it is a present payload of another origin.
    func check(_ row: AuditEventRow, ledger: inout AuditLedger) {
        guard row.event.origin != department, row.payloadCount > 0 else { return }
        let recorded = row.membershipVersion
        guard recorded != 0 else {
            ledger.unknown(.dataRights)  // stored before schema 2 recorded the version
            return
        }
        let seq = UInt64(clamping: row.seq)
        guard let version = Int(exactly: recorded), let membership = memberships[version] else {
            let version = Int(clamping: recorded)
            ledger.fail(
                AuditBreak(
                    check: .dataRights, origin: row.event.origin, seq: seq, membershipVersion: version,
                    expected: "membership version \(recorded) in the store, verified by the anchor",
                    found: unverified.contains(version)
                        ? "its document does not verify" : "no such version in the memberships table"))
            return
        }
        let event = row.event  // carries the payload: another origin's
        let allowed = membership.mayReceive(department, origin: event.origin, kind: event.kind.rawValue) {
            categorize(event)
        }
        ledger.record(.dataRights, allowed) {
            let category = categorize(event).map { " in category \($0)" } ?? ""
            return AuditBreak(
                check: .dataRights, origin: event.origin, seq: seq, membershipVersion: version,
                expected: "only payloads membership version \(version) lets \(department) receive",
                found: "the \(event.kind) payload\(category), which it does not let \(department) receive")
        }
    }
}
