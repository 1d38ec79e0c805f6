import Foundation
import SupervisionBus

/// A signed membership document as `jointctl membership show|verify|current` print it.
struct MembershipSummary: Encodable {
    /// Who signed, and with which key.
    var authority: String
    var keyId: UInt32
    /// The body, when it decodes.
    var version: Int?
    var issuedAt: Date?
    var expiresAt: Date?
    var departments: [Membership.Member]?
    /// Whether `now` is within the validity period.
    var validNow: Bool?
    /// With an anchor: whether the document verifies now; `nil` when not checked.
    var verified: Bool?
    /// Why it does not verify, or why the body does not decode.
    var refusal: MembershipRefusal.Reason?
    var error: String?

    /// Summarises `signed`; with `anchor`, verifies it at `now`.
    init(_ signed: SignedMembership, anchor: TrustAnchor?, now: Date = Date()) {
        authority = signed.authority
        keyId = signed.keyID
        do {
            let membership = try Membership.decode(signed.document)
            version = membership.version
            issuedAt = membership.issuedAt
            expiresAt = membership.expiresAt
            departments = membership.departments
            validNow = membership.isValid(at: now)
        } catch {
            refusal = .malformed
            self.error = Output.message(error)
        }
        if let anchor {
            switch signed.check(anchor: anchor, now: now) {
            case .success:
                verified = true
            case .failure(let refusal):
                verified = false
                self.refusal = refusal.reason
                error = refusal.message
            }
        }
    }

    /// Whether the document is good enough for the command to exit 0.
    var isAcceptable: Bool { verified ?? (refusal == nil) }

    func printText(heading: String) {
        print("\(heading) version \(version.map(String.init) ?? "?") signed by \(authority) key \(keyId)")
        if let issuedAt, let expiresAt {
            print("valid         \(issuedAt.formatted(.iso8601)) → \(expiresAt.formatted(.iso8601))  (\(validity))")
        }
        switch verified {
        case true: print("signature     verifies with the anchor")
        case false: print("signature     DOES NOT VERIFY (\(refusal?.rawValue ?? "refused")): \(error ?? "")")
        default:
            if refusal == .malformed {
                print("body          MALFORMED: \(error ?? "")")
            } else {
                print("signature     not checked (--anchor ANCHOR verifies it)")
            }
        }
        guard let departments else { return }
        print("")
        print(
            Table(
                ["id", "name", "endpoint", "curve key", "signing keys", "roles"],
                departments.map { member in
                    [
                        member.id, member.name, member.busEndpoint, String(member.curveKey.prefix(8)) + "…",
                        member.signingKeys.keys.sorted { (UInt32($0) ?? 0) < (UInt32($1) ?? 0) }.joined(
                            separator: ","),
                        member.roles.joined(separator: ","),
                    ]
                }))
        print("")
        print("data rights (部门数据职责清单): what each member may receive")
        print(
            Table(
                ["id", "kinds", "categories"],
                departments.map { member in
                    [
                        member.id,
                        member.receives.kinds.isEmpty ? "(nothing)" : member.receives.kinds.joined(separator: ","),
                        member.receives.categories.isEmpty ? "-" : member.receives.categories.joined(separator: ","),
                    ]
                }))
    }

    /// "valid now, 89 days left", "expired 3 days ago", "not yet valid".
    private var validity: String {
        guard let issuedAt, let expiresAt else { return "" }
        let now = Date()
        if now >= expiresAt { return "EXPIRED \(Self.span(now.timeIntervalSince(expiresAt))) ago" }
        if now < issuedAt { return "not yet valid: issued in the future" }
        return "valid now, \(Self.span(expiresAt.timeIntervalSince(now))) left"
    }

    private static func span(_ seconds: TimeInterval) -> String {
        if seconds >= 2 * 86400 { return "\(Int(seconds / 86400)) days" }
        if seconds >= 2 * 3600 { return "\(Int(seconds / 3600)) hours" }
        return "\(Int(seconds / 60)) minutes"
    }
}
