import Supervision

/// An acknowledgement of a referral as the fold sees it.
public struct AckRecord: Hashable, Sendable, Codable {
    /// The `referral.ack` event (its origin is the answering department).
    public var ref: EventReference
    /// The step reported; `nil` for a status of a later protocol version.
    public var status: AckStatus?
    /// Note (the reason of a rejection).
    public var note: String
    /// The day of the step: the event's day (UTC+8), or the referral's previous step's day when
    /// that is later.
    public var day: CivilDate
    /// Why the fold refused it; `nil` when it was applied.
    public var refused: FoldRefusal?

    /// Makes an acknowledgement record.
    public init(
        ref: EventReference, status: AckStatus?, note: String, day: CivilDate, refused: FoldRefusal? = nil
    ) {
        self.ref = ref
        self.status = status
        self.note = note
        self.day = day
        self.refused = refused
    }
}
