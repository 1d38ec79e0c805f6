import Foundation
import Supervision
import SupervisionAgent
import SupervisionProtocol
import Testing

/// The referral lifecycle in the fold: acknowledgements replayed through the domain's
/// ``ReferralLifecycle``, refusals counted, overdue judged in working days.
@Suite("SupervisionState: referral lifecycle")
struct ReferralFoldTests {
    static let finding = EventRef(origin: "education", seq: 1)
    static let referral = EventRef(origin: "education", seq: 2)

    /// A day.
    static func d(_ text: String) -> CivilDate { try! CivilDate(text) }

    /// Noon (UTC+8) of `day`.
    static func ms(_ day: String) -> Int64 {
        Int64(try! CivilDate(day).dayNumber) * 86_400_000 + 4 * 3_600_000
    }

    static func event(_ origin: String, _ seq: UInt64, on day: String, _ payload: some EventPayload) -> EventEnvelope {
        EventEnvelope(origin: origin, seq: seq, prevHash: .zero, timestampMs: ms(day), payload: payload)
    }

    /// A finding of Wednesday 2026-09-30 by education and its referral to fire.
    static let sent: [EventEnvelope] = [
        event(
            "education", 1, on: "2026-09-30",
            FindingPayload(
                inspectionId: "", entity: "91310115MA1K000000", itemId: "fire.detectors", result: .violation,
                measurements: [], recordedDate: "2026-09-30")),
        event(
            "education", 2, on: "2026-09-30",
            ReferralPayload(
                referralId: "R-1", fromDepartment: "education", toDepartment: "fire", finding: finding,
                category: "fire-safety", acceptDue: "2026-10-09")),
    ]

    static func ack(_ origin: String, _ seq: UInt64, _ status: ReferralStatus, on day: String, note: String = "")
        -> EventEnvelope
    {
        event(
            origin, seq, on: day, ReferralAckPayload(referralId: "R-1", status: status, note: note, referral: referral))
    }

    static func fold(_ events: [EventEnvelope]) -> SupervisionState {
        var state = SupervisionState()
        for e in events { state.apply(e) }
        return state
    }

    /// 25-27 Sep and 1-7 Oct 2026 holidays; Sat 10 Oct a make-up working day.
    static let calendar = try! WorkingCalendar(
        holidays: Set(
            (["2026-09-25", "2026-09-26", "2026-09-27"] + (1...7).map { "2026-10-0\($0)" }).map { try CivilDate($0) }),
        makeUpWorkdays: [try! CivilDate("2026-10-10")])

    @Test("accepted, case-opened, complex, feedback: each step dated by its event, the referral closed")
    func validSequence() throws {
        let state = Self.fold(
            Self.sent + [
                Self.ack("fire", 1, .accepted, on: "2026-10-08"),
                Self.ack("fire", 2, .caseOpened, on: "2026-10-09"),
                Self.ack("fire", 3, .complex, on: "2026-10-20"),
                Self.ack("fire", 4, .feedback, on: "2026-12-01"),
            ])
        let record = try #require(state.referralList.first)
        #expect(record.lifecycle.sent == Self.d("2026-09-30"), "sent on the finding's day")
        #expect(record.lifecycle.accepted == Self.d("2026-10-08"))
        #expect(record.lifecycle.decided == Self.d("2026-10-09") && record.lifecycle.caseOpened == true)
        #expect(record.lifecycle.isComplex)
        #expect(record.stage == .closed && record.status == .feedback)
        #expect(record.acks.allSatisfy { $0.refused == nil })
        #expect(record.acceptDue == Self.d("2026-10-09") && record.feedbackDue == nil)
        #expect(state.refused.isEmpty)
    }

    @Test(
        "a refused acknowledgement changes nothing and is counted by reason",
        arguments: [
            (ReferralStatus.feedback, [ReferralStatus](), FoldRefusal.outOfOrder, ReferralStage.awaitingAcceptance),
            (.caseOpened, [], .outOfOrder, .awaitingAcceptance),
            (.complex, [.accepted, .noCase], .outOfOrder, .awaitingReport),
            (.accepted, [.rejected], .afterRejection, .rejected),
            (.feedback, [.rejected], .afterRejection, .rejected),
            (.accepted, [.accepted], .repeated, .awaitingDecision),
            (.complex, [.accepted, .caseOpened, .complex], .repeated, .awaitingFeedback),
            (.complex, [.accepted, .noCase, .feedback], .afterFeedback, .closed),
            (.unrecognized(9), [.accepted], .unknownStatus, .awaitingDecision),
        ])
    func refusedTransition(
        refusedStatus: ReferralStatus, before: [ReferralStatus], reason: FoldRefusal, stage: ReferralStage
    ) throws {
        let valid = before.enumerated().map { Self.ack("fire", UInt64($0.offset + 1), $0.element, on: "2026-10-08") }
        let without = Self.fold(Self.sent + valid)
        let with = Self.fold(
            Self.sent + valid + [Self.ack("fire", UInt64(before.count + 1), refusedStatus, on: "2026-10-09")])
        let record = try #require(with.referralList.first)
        #expect(record.lifecycle == without.referralList.first?.lifecycle)
        #expect(record.stage == stage)
        #expect(record.acks.last?.refused == reason)
        #expect(with.refused == [reason: 1])
    }

    @Test("an acknowledgement by a department that is not the recipient is refused, whenever it arrives")
    func notRecipient() throws {
        let intruder = Self.ack("market", 1, .accepted, on: "2026-10-08")
        for events in [Self.sent + [intruder], [intruder] + Self.sent] {
            let state = Self.fold(events)
            #expect(state.referralList.first?.stage == .awaitingAcceptance)
            #expect(state.referralList.first?.acks.map(\.refused) == [.notRecipient])
            #expect(state.refused == [.notRecipient: 1])
        }
    }

    static let mixed: [EventEnvelope] =
        sent + [
            ack("fire", 1, .caseOpened, on: "2026-10-08"),  // out of order
            ack("fire", 2, .accepted, on: "2026-10-08"),
            ack("fire", 3, .accepted, on: "2026-10-09"),  // repeated
            ack("market", 1, .feedback, on: "2026-10-09"),  // not the recipient
            ack("fire", 4, .noCase, on: "2026-10-12"),
        ]

    @Test("applying events twice changes nothing, refusals included")
    func idempotent() {
        let once = Self.fold(Self.mixed)
        let twice = Self.fold(Self.mixed.flatMap { [$0, $0] })
        #expect(once.digest == twice.digest)
        #expect(once.refused == twice.refused)
        #expect(once.refused == [.outOfOrder: 1, .repeated: 1, .notRecipient: 1])
        #expect(once.referralList == twice.referralList)
    }

    @Test("any arrival order gives the same lifecycle, refusals and digest", arguments: 0..<12)
    func orderIndependent(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let shuffled = Self.mixed.shuffled(using: &generator)
        let forward = Self.fold(Self.mixed)
        let other = Self.fold(shuffled)
        #expect(forward.digest == other.digest)
        #expect(forward.refused == other.refused)
        #expect(forward.referralList == other.referralList)
        #expect(other.referralList.first?.stage == .awaitingReport)
    }

    @Test("an ack dated before the referral's day takes the referral's day (a finding dated ahead of the clock)")
    func clampedDay() throws {
        let state = Self.fold(Self.sent + [Self.ack("fire", 1, .accepted, on: "2026-09-01")])
        #expect(state.referralList.first?.lifecycle.accepted == Self.d("2026-09-30"))
        #expect(state.refused.isEmpty)
    }

    @Test("overdue counts working days after the deadline, across the holiday and weekend")
    func overdueInWorkingDays() throws {
        let state = Self.fold(Self.sent)
        func view(_ day: String) throws -> ReferralView {
            try #require(
                state.referralViews(asOf: try CivilDate(day), levels: .default, calendar: Self.calendar).first)
        }
        // Sent Wed 30 Sep; 1-7 Oct holiday: accept by Fri 9 Oct (2 working days: 8, 9 Oct).
        #expect(try view("2026-10-09").deadline == Self.d("2026-10-09"))
        #expect(try view("2026-10-09").overdue == false)
        #expect(try view("2026-10-09").workingDaysLate == nil)
        // Sat 10 Oct is a make-up working day, Sun 11 a rest day: 1 working day late on both.
        #expect(try view("2026-10-10").workingDaysLate == 1)
        #expect(try view("2026-10-11").workingDaysLate == 1)
        #expect(try view("2026-10-13").workingDaysLate == 3)
        // Calendar days would say 4 on Tuesday 13 Oct; a plain weekend counts nothing.
        let weekend = try WorkingCalendar()
        let plain = try #require(
            state.referralViews(asOf: try CivilDate("2026-10-05"), levels: .default, calendar: weekend).first)
        #expect(plain.deadline == Self.d("2026-10-02") && plain.workingDaysLate == 1)
        let accepted = Self.fold(Self.sent + [Self.ack("fire", 1, .accepted, on: "2026-10-09")])
        let decide = try #require(
            accepted.referralViews(asOf: try CivilDate("2026-10-13"), levels: .default, calendar: Self.calendar).first)
        #expect(decide.stage == .awaitingDecision && decide.deadline == Self.d("2026-10-12"))
        #expect(decide.workingDaysLate == 1)
    }

    @Test("an opened case is due within 90 calendar days, 120 once marked complex")
    func feedbackLimits() throws {
        let opened =
            Self.sent + [
                Self.ack("fire", 1, .accepted, on: "2026-10-08"), Self.ack("fire", 2, .caseOpened, on: "2026-10-09"),
            ]
        let general = try #require(
            Self.fold(opened).referralViews(
                asOf: try CivilDate("2027-01-08"), levels: .default, calendar: Self.calendar
            )
            .first)
        #expect(general.stage == .awaitingFeedback && general.deadline == Self.d("2027-01-07"))
        #expect(general.overdue && !general.complex)
        let complex = try #require(
            Self.fold(opened + [Self.ack("fire", 3, .complex, on: "2026-11-02")])
                .referralViews(asOf: try CivilDate("2027-01-08"), levels: .default, calendar: Self.calendar).first)
        #expect(complex.deadline == Self.d("2027-02-06") && !complex.overdue && complex.complex)
    }
}

/// A seeded generator for shuffles.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
