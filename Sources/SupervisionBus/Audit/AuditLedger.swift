/// The tallies of an audit and its first break. Checks are recorded in the audit's order, so
/// the first failure recorded is the first break.
struct AuditLedger {
    private var tallies: [AuditCheck: AuditTally] = [:]
    /// The first failure recorded.
    private(set) var firstBreak: AuditBreak?

    /// Records that `check` passed once.
    mutating func pass(_ check: AuditCheck) {
        tallies[check, default: AuditTally(check: check)].checked += 1
    }

    /// Records a failure of `failure.check`; the first one becomes ``firstBreak``.
    mutating func fail(_ failure: AuditBreak) {
        tallies[failure.check, default: AuditTally(check: failure.check)].checked += 1
        tallies[failure.check, default: AuditTally(check: failure.check)].failed += 1
        if firstBreak == nil { firstBreak = failure }
    }

    /// Records that `check` could not be decided once (not a break).
    mutating func unknown(_ check: AuditCheck) {
        tallies[check, default: AuditTally(check: check)].unknown += 1
    }

    /// Records `check` as passed when `ok`, otherwise the failure `failure()` describes.
    mutating func record(_ check: AuditCheck, _ ok: Bool, _ failure: () -> AuditBreak) {
        if ok { pass(check) } else { fail(failure()) }
    }

    /// One tally per check, in ``AuditCheck`` order.
    var orderedTallies: [AuditTally] {
        AuditCheck.allCases.map { tallies[$0] ?? AuditTally(check: $0) }
    }
}
