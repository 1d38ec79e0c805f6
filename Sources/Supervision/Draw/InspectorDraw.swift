/// The inspector half of 双随机 for planned visits: a department's inspectors for each visit it
/// takes part in, drawn from the published seed and a roster snapshot, with recusal.
///
/// For a visit at entity `e` needing `r = max(slots, 2)` inspectors: `eligible` = the
/// snapshot's inspectors minus those recused from `e` (declared conflict, or among the last
/// inspectors of `e`), sorted by id; if `m = len(eligible) < r` the visit is unstaffed with a
/// reason. Otherwise the stream for tag `JS-DRAW-v1|inspectors|<dept>|<P>|<e>` drives `r` steps of
/// partial Fisher–Yates and `eligible[0 … r−1]` are the inspectors. This is the same stream and
/// shuffle as the inspectors of ``RandomDraw``, so a drawn target needing two inspectors gets
/// the two its draw record already committed to; more slots extend that list. Pure: the same
/// seed, period, snapshot and visits give the same result everywhere.
public enum InspectorDraw {
    /// Fewest inspectors at any inspection (执法全过程: at least two officers).
    public static let minimumPerVisit = 2

    /// Draws `roster.department`'s inspectors for each of `visits`, in the order given.
    public static func staff(
        _ visits: [VisitDemand], seed: DrawSeed, period: DateRange, roster: RosterSnapshot
    ) -> [VisitStaffing] {
        let request = DrawRequest(department: roster.department, period: period, seed: seed)
        return visits.map { visit in
            let needed = max(visit.slots, minimumPerVisit)
            var conflicted = 0
            var rotated = 0
            var eligible: [InspectorID] = []
            for inspector in roster.inspectors {  // sorted by id
                if inspector.conflicts.contains(visit.entity) {
                    conflicted += 1
                } else if inspector.lastInspected.contains(visit.entity) {
                    rotated += 1
                } else {
                    eligible.append(inspector.id)
                }
            }
            guard eligible.count >= needed else {
                return VisitStaffing(
                    inspection: visit.inspection, entity: visit.entity, inspectors: [],
                    unstaffedReason:
                        "\(roster.department) has \(eligible.count) eligible inspector\(eligible.count == 1 ? "" : "s") for \(visit.entity), the visit needs \(needed): \(roster.inspectors.count) on the roster, \(conflicted) recused for a declared conflict, \(rotated) for having inspected it last time"
                )
            }
            var stream = DrawStream(seed: seed, tag: request.inspectorTag(visit.entity))
            for i in 0..<needed {
                let j = i + stream.uniform(below: eligible.count - i)
                eligible.swapAt(i, j)
            }
            return VisitStaffing(
                inspection: visit.inspection, entity: visit.entity, inspectors: Array(eligible.prefix(needed)))
        }
    }
}
