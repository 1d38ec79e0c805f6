import Testing

@testable import SupervisionBus

@Suite("Replies to repeated control requests")
struct RecentRepliesTests {
    let request = ControlRequest(command: "publish", count: 1, requestId: "r1")

    @Test("a repeat waits for the running request, then is replayed; another request with the id is refused")
    func repeats() {
        var recent = RecentReplies()
        #expect(recent.begin(request, client: [1]) == .run)
        #expect(recent.begin(request, client: [2]) == .wait)
        #expect(recent.finish(request, ok: true, body: [42]) == [[1], [2]])
        #expect(recent.begin(request, client: [3]) == .replay([42]))
        var other = request
        other.count = 2
        #expect(recent.begin(other, client: [4]) == .conflict)
        #expect(recent.begin(ControlRequest(command: "status"), client: [5]) == .run, "no id: always runs")
    }

    @Test("refusals are forgotten, and only the newest replies are kept")
    func bounded() {
        var recent = RecentReplies()
        #expect(recent.begin(request, client: [1]) == .run)
        _ = recent.finish(request, ok: false, body: [0])
        #expect(recent.begin(request, client: [1]) == .run, "a refused request may run again")
        _ = recent.finish(request, ok: true, body: [1])
        for index in 0..<RecentReplies.capacity {
            let newer = ControlRequest(command: "status", requestId: "n\(index)")
            _ = recent.begin(newer, client: [1])
            _ = recent.finish(newer, ok: true, body: [2])
        }
        #expect(recent.begin(request, client: [1]) == .run, "the oldest reply was forgotten")
    }
}
