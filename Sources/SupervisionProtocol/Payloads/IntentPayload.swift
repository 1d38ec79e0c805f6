/// A department's wish to inspect one entity within a window; kind `"intent"` (`Intent` in
/// domain.proto).
public struct IntentPayload: EventPayload {
    /// `"intent"`.
    public static let kind = EventKind.intent

    /// Department id of the intending department (the event's origin).
    public var department: String
    /// Unified social credit code of the entity.
    public var entity: String
    /// First day of the window, `YYYY-MM-DD`.
    public var windowStart: String
    /// Last day of the window (inclusive), `YYYY-MM-DD`.
    public var windowEnd: String
    /// Checklist item ids the department wants checked.
    public var itemIds: [String]
    /// Why the department wants to inspect.
    public var reason: IntentReason
    /// The draw the intent came from, when ``reason`` is ``IntentReason/randomDraw``.
    public var draw: DrawReference?

    /// Makes an intent.
    public init(
        department: String, entity: String, windowStart: String, windowEnd: String, itemIds: [String],
        reason: IntentReason, draw: DrawReference? = nil
    ) {
        self.department = department
        self.entity = entity
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.itemIds = itemIds
        self.reason = reason
        self.draw = draw
    }
}

/// Why a department wants to inspect (`IntentReason` in domain.proto).
public enum IntentReason: Hashable, Sendable {
    /// Not set (0).
    case unspecified
    /// Drawn by the random draw (双随机).
    case randomDraw
    /// A complaint or report.
    case complaint
    /// Follow-up of a referral or an earlier finding.
    case followUp
    /// Re-inspection verifying a correction (复查).
    case reInspection
    /// A value of a later version, kept as its number.
    case unrecognized(Int)
}

/// Names the published draw an intent came from (`DrawReference` in domain.proto).
public struct DrawReference: Hashable, Sendable {
    /// The draw's period, e.g. `2026-Q3`.
    public var period: String
    /// The seed published before the draw.
    public var seed: String

    /// Makes a reference.
    public init(period: String, seed: String) {
        self.period = period
        self.seed = seed
    }
}
