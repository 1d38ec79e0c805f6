import Foundation
import SupervisionAgent
import Testing

@Suite("PlanReport")
struct PlanReportTests {
    /// A plan view as an agent returns it (JSON), with one joint and one single visit.
    let json = """
        {"plan": {"ref": {"origin": "education", "seq": 7}, "planId": "education-2026-Q3", "version": 2,
          "planHash": "abc123", "period": "2026-Q3", "catalogVersion": 1, "unplaced": [], "visits": [
            {"inspectionId": "JI-1", "entity": "91310105338630771U", "date": "2026-07-06", "lead": "education",
             "participants": ["education", "fire"], "items": {"fire.detectors": "fire"}, "inspectors": {"fire": 2},
             "intents": [{"origin": "education", "seq": 7}, {"origin": "fire", "seq": 3}]},
            {"inspectionId": "SV-2", "entity": "91310000000000000X", "date": "2026-08-31", "lead": "market",
             "participants": ["market"], "items": {}, "inspectors": {"market": 2},
             "intents": [{"origin": "market", "seq": 9}], "singleReason": "alone"}]},
         "consent": [{"department": "fire", "state": "accepted", "reason": "<ok>"}],
         "state": "agreed", "superseded": false}
        """

    @Test func rendersCalendarFiguresAndEscapes() throws {
        let view = try JSONDecoder().decode(PlanView.self, from: Data(json.utf8))
        let html = PlanReport.html(view)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("abc123"))
        #expect(html.contains("<h2>2026-07</h2>") && html.contains("<h2>2026-08</h2>"))
        #expect(html.contains("JI-1"))
        #expect(html.contains("+1 single"))
        #expect(html.contains("&lt;ok&gt;") && !html.contains("<ok>"))
        #expect(html.components(separatedBy: "<tr>").count > 10, "calendar rows")
        #expect(PlanReport.html(view) == html, "deterministic")
    }
}
