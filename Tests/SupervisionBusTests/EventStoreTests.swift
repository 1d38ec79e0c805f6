import Foundation
import SupervisionBus
import SupervisionProtocol
import Testing

@Suite("EventStore")
struct EventStoreTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test func reopensWithItsHeads() throws {
        let key = SigningKey()
        do {
            let store = try EventStore(path: path("a.sqlite"), department: "fire")
            let event = EventEnvelope(
                origin: "fire", seq: 1, prevHash: .zero, timestampMs: 5, kind: .test, payload: [1, 2])
            let checkpoint = try key.signCheckpoint(origin: "fire", seq: 1, eventHash: event.computeHash())
            try store.append([VerifiedBatch(events: [event], hashes: [event.computeHash()], checkpoint: checkpoint)])
        }
        let reopened = try EventStore(path: path("a.sqlite"), department: "fire")
        let head = try reopened.heads()["fire"]
        #expect(head?.seq == 1)
        let events = try reopened.events(origin: "fire", from: 1, through: 1)
        #expect(events.first?.payload == [1, 2])
        #expect(events.first?.computeHash() == head?.hash)
        #expect(try reopened.merged(after: 0, limit: 10).map(\.position) == [1])
    }

    @Test func refusesAnotherDepartmentsStore() throws {
        _ = try EventStore(path: path("b.sqlite"), department: "fire")
        #expect {
            try EventStore(path: path("b.sqlite"), department: "market")
        } throws: { error in
            (error as? BusError)?.code == .storeUnusable && "\(error)".contains("belongs to department fire")
        }
    }

    @Test func refusesAGarbageFile() throws {
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path("c.sqlite")))
        #expect {
            try EventStore(path: path("c.sqlite"), department: "fire")
        } throws: { error in
            (error as? BusError)?.code == .storeUnusable
        }
    }

    @Test func refusesAForeignDatabase() throws {
        let foreign = path("d.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import sqlite3; sqlite3.connect('\(foreign)').execute('create table t(x)')",
        ]
        try process.run()
        process.waitUntilExit()
        #expect {
            try EventStore(path: foreign, department: "fire")
        } throws: { error in
            "\(error)".contains("not a JointSupervision store")
        }
    }

    @Test func refusesAKeyFileOthersCanRead() throws {
        let keyPath = path("fire.key")
        try SigningKey().write(to: keyPath)
        _ = try SigningKey.load(from: keyPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        #expect {
            try SigningKey.load(from: keyPath)
        } throws: { error in
            "\(error)".contains("chmod 600")
        }
    }
}
