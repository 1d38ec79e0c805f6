import Foundation
import Supervision
import SupervisionAgent
import Testing

@Suite("Snapshot store: content-addressed, checked on read")
struct SnapshotStoreTests {
    @Test func keepsChecksAndImports() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snapshots-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = SnapshotStore(dataDirectory: directory)
        let roster = try RosterSnapshot(
            department: "fire",
            roster: [Inspector(id: "f-1", department: "fire"), Inspector(id: "f-2", department: "fire")])
        #expect(store.roster(roster.hash) == nil)
        try store.put(roster.canonicalBytes, hash: roster.hash, kind: .roster)
        #expect(store.roster(roster.hash) == roster)
        #expect(store.register(roster.hash) == nil, "kinds are kept apart")
        #expect(store.roster("../\(roster.hash)") == nil)

        // A file whose bytes no longer hash to its name counts as absent.
        let file = store.directory.appendingPathComponent("\(roster.hash).roster")
        try Data("JS-ROSTER-SNAPSHOT-v1\ndepartment=fire\nf-9,,,\n".utf8).write(to: file)
        #expect(store.roster(roster.hash) == nil)

        // Importing checks the encoding and keeps it under its own hash.
        let kept = try store.importing(roster.canonicalBytes)
        #expect(kept.kind == .roster && kept.hash == roster.hash && kept.department == "fire")
        #expect(store.roster(roster.hash) == roster, "the damaged file is replaced")
        #expect(throws: AgentError.self) { try store.importing(Array("not a snapshot\n".utf8)) }
    }
}
