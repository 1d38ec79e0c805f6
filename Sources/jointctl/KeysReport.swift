import Foundation
import SupervisionBus

/// The public parts of a key directory, as `jointctl keys` prints them.
struct KeysReport: Encodable {
    /// `department` or `authority`.
    var kind: String
    var directory: String
    /// Department: its CURVE public key (Z85).
    var curveKey: String?
    /// Department: its signing public keys by id; authority: the anchor's keys by id (base64).
    var signingKeys: [String: String]
    /// Authority: its id.
    var authority: String?
    /// Authority: the anchor file to give to every agent.
    var anchorFile: String?
    /// Authority: the key ids whose private key is in the directory.
    var privateKeys: [String]?
    /// Department: the entry for the membership, when asked for.
    var entry: Membership.Member?

    init(department keys: KeyDirectory, entry: Membership.Member?) {
        kind = "department"
        directory = keys.path
        let publicEntry = keys.publicEntry
        curveKey = publicEntry.curveKey
        signingKeys = publicEntry.signingKeys
        self.entry = entry
    }

    init(authority anchor: TrustAnchor, directory: String) {
        kind = "authority"
        self.directory = directory
        authority = anchor.authority
        signingKeys = anchor.keys
        anchorFile = AuthorityKey.anchorFile(directory)
        privateKeys = anchor.keys.keys.filter {
            UInt32($0).map { FileManager.default.fileExists(atPath: AuthorityKey.keyFile(directory, id: $0)) } ?? false
        }.sorted { (UInt32($0) ?? 0) < (UInt32($1) ?? 0) }
    }

    /// Key ids in numeric order.
    private var sortedIDs: [String] { signingKeys.keys.sorted { (UInt32($0) ?? 0) < (UInt32($1) ?? 0) } }

    func printText() {
        if let authority {
            let newest = privateKeys?.last
            print("authority     \(authority)")
            print("anchor        \(anchorFile ?? "") (public: give it to every agent)")
            print(
                Table(
                    ["key", "public key (base64)", "private key here"],
                    sortedIDs.map { id in
                        [
                            id, signingKeys[id] ?? "",
                            privateKeys?.contains(id) == true
                                ? (id == newest ? "yes, signs new documents" : "yes") : "no",
                        ]
                    }))
            return
        }
        print("CURVE public key  \(curveKey ?? "")")
        let newest = sortedIDs.last
        print(
            Table(
                ["signing key", "public key (base64)", "status"],
                sortedIDs.map { id in
                    [id, signingKeys[id] ?? "", id == newest ? "newest" : "older: keep it listed"]
                }))
        if let entry {
            print("")
            print(
                "membership entry for \(entry.id) (\"receives\" is empty: it may receive nothing until the authority grants it):"
            )
            print((try? Output.entryJSON(entry)) ?? "")
        }
    }
}
