import Foundation

extension Membership {
    /// How long a membership is valid when neither the draft nor the signer says: 90 days.
    public static let defaultValidDays = 90

    /// The membership an authority is about to sign, from a draft: a ``Membership`` body in
    /// which `version`, `issuedAt` and `expiresAt` may be absent (`jointctl membership sign`).
    ///
    /// - `version`: the argument, else the draft's; one of them is required.
    /// - With `validDays`, the validity is stamped anew: issued at `now`, expiring `validDays`
    ///   days later, whatever the draft says. Without it, the draft's `issuedAt` (else `now`)
    ///   and `expiresAt` (else ``defaultValidDays`` days after issue) are kept.
    ///
    /// The result is validated (``validate()``) and must be valid at `now`: a draft that would
    /// already be expired, or issued more than 5 minutes ahead, is refused.
    ///
    /// - Parameters:
    ///   - json: the draft, JSON with ISO 8601 instants.
    ///   - version: the version to issue, overriding the draft's.
    ///   - now: the instant of issue.
    ///   - validDays: days of validity from `now`, 1…3650.
    /// - Throws: ``BusError`` `.invalidMembership` naming the first problem and what to do.
    public static func draft(
        fromJSON json: [UInt8], version: Int? = nil, issuedAt now: Date = Date(), validDays: Int? = nil
    ) throws -> Membership {
        struct Draft: Decodable {
            var version: Int?
            var issuedAt: Date?
            var expiresAt: Date?
            var departments: [Member]?
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let draft: Draft
        do {
            draft = try decoder.decode(Draft.self, from: Data(json))
        } catch let error as DecodingError {
            throw BusError(.invalidMembership, "the draft is not a membership body: \(describe(error))")
        } catch {
            throw BusError(.invalidMembership, "the draft is not a membership body: \(error)")
        }
        guard let version = version ?? draft.version else {
            throw BusError(
                .invalidMembership,
                "the draft has no \"version\": give one (`--version N`, one more than the version in force)")
        }
        guard let departments = draft.departments, !departments.isEmpty else {
            throw BusError(.invalidMembership, "the draft lists no departments")
        }
        let issuedAt: Date
        let expiresAt: Date
        if let validDays {
            guard (1...3650).contains(validDays) else {
                throw BusError(.invalidMembership, "the validity must be 1…3650 days, got \(validDays)")
            }
            issuedAt = now
            expiresAt = now.addingTimeInterval(Double(validDays) * 86400)
        } else {
            issuedAt = draft.issuedAt ?? now
            expiresAt = draft.expiresAt ?? issuedAt.addingTimeInterval(Double(defaultValidDays) * 86400)
        }
        let membership = Membership(
            version: version, issuedAt: issuedAt, expiresAt: expiresAt, departments: departments)
        try membership.validate()
        guard expiresAt > now else {
            throw BusError(
                .invalidMembership,
                "the draft's expiresAt \(expiresAt.formatted(.iso8601)) is past: remove it, or give a validity in days (`--valid-days N`)"
            )
        }
        guard issuedAt <= now.addingTimeInterval(Membership.clockTolerance) else {
            throw BusError(
                .invalidMembership,
                "the draft's issuedAt \(issuedAt.formatted(.iso8601)) is in the future: remove it to issue now")
        }
        return membership
    }

    /// A decoding error as a sentence naming the field, e.g. `departments[1].curveKey is missing`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            guard !keys.isEmpty else { return "the document" }
            return keys.enumerated().map { index, key in
                if let int = key.intValue { return "[\(int)]" }
                return index == 0 ? key.stringValue : "." + key.stringValue
            }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath, key)) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not of type \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected \(type)"
        case .dataCorrupted(let context):
            let place = context.codingPath.isEmpty ? "" : "\(path(context.codingPath)): "
            if context.debugDescription.localizedCaseInsensitiveContains("date") {
                return "\(place)an instant is not ISO 8601 (write it as 2026-11-27T00:00:00Z)"
            }
            return context.codingPath.isEmpty ? "not valid JSON" : place + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}
