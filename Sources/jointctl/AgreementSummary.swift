import Foundation
import SupervisionBus

/// What `jointctl agreement` prints about an agreement file.
struct AgreementSummary: Encodable {
    var agreement: FederationAgreement?
    var signedBy: [String]
    /// `nil`: not checked (no anchors given).
    var verified: Bool?
    var refusal: AgreementRefusal.Reason?
    var message: String?

    init(_ signed: SignedAgreement, anchors: [TrustAnchor]?) {
        agreement = try? signed.agreement()
        signedBy = signed.signatures.map(\.authority)
        if agreement == nil { message = "the body does not decode or validate" }
        if let anchors, anchors.count == 2 {
            switch signed.check(local: anchors[0], foreign: anchors[1]) {
            case .success:
                verified = true
            case .failure(let failure):
                verified = false
                refusal = failure.reason
                message = failure.message
            }
        }
    }

    /// Whether the command exits 0: a readable body and, when checked, verified.
    var isAcceptable: Bool { agreement != nil && verified != false }

    func printText() {
        guard let agreement else {
            print("agreement: not readable: \(message ?? "")")
            return
        }
        print("agreement \(agreement.id) version \(agreement.version)")
        print(
            "  valid \(agreement.issuedAt.formatted(.iso8601)) → \(agreement.expiresAt.formatted(.iso8601))")
        for party in agreement.parties {
            let signed = signedBy.contains(party.authority) ? "signed" : "NOT signed"
            print("  party \(party.authority) (keys \(party.keys.keys.sorted().joined(separator: ","))): \(signed)")
        }
        for exchange in agreement.exchanges {
            print(
                "  \(exchange.from):\(exchange.fromMembers.joined(separator: ",")) → \(exchange.to):\(exchange.toMembers.joined(separator: ",")) kinds \(exchange.kinds.joined(separator: ",")) categories \(exchange.categories.isEmpty ? "-" : exchange.categories.joined(separator: ","))"
            )
        }
        switch verified {
        case true?: print("  verified: both signatures and validity, now")
        case false?: print("  NOT valid (\(refusal?.rawValue ?? "")): \(message ?? "")")
        case nil: print("  not verified (give --anchor twice)")
        }
    }
}
