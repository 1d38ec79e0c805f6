import Foundation
import Testing

@testable import SupervisionBus

@Suite("EventStore durability settings")
struct StoreDurabilityTests {
    @Test("the writer commits with synchronous = FULL (GRDB's WAL set-up would leave NORMAL)")
    func writerIsFull() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("s.sqlite").path
        do {
            let settings = try EventStore(path: path, department: "fire").writerSettings()
            #expect(settings.synchronous == 2)
            #expect(settings.pageSize == EventStore.pageSize)
        }
        let reopened = try EventStore(path: path, department: "fire").writerSettings()
        #expect(reopened.synchronous == 2)
        #expect(reopened.pageSize == EventStore.pageSize)
    }
}
