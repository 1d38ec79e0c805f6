import BusSimulation
import Testing

/// `bus-sim scale` in small: cost per agent is bounded by the agent's scope, not by N.
@Suite("Simulated agents at scale")
struct ScaleTests {
    static func run(_ agents: Int, _ shape: ScaleConfiguration.Shape) throws -> ScaleReport {
        var configuration = ScaleConfiguration(agents: agents, shape: shape)
        configuration.idleSeconds = 30  // three idle intervals (10 heartbeats each)
        configuration.burstEvents = 4
        configuration.payloadBytes = 256
        return try ScaleSimulation(configuration).run()
    }

    @Test(
        "64 and 128 city-shaped agents cost per agent what their scope costs; 64 flat ones cost N",
        .timeLimit(.minutes(5)))
    func costBoundedByScope() throws {
        let city64 = try Self.run(64, .city)
        let city128 = try Self.run(128, .city)
        let flat64 = try Self.run(64, .flat)
        for report in [city64, city128, flat64] {
            #expect(report.passed, "\(report.configuration.agents) \(report.configuration.shape): \(report.violations)")
            #expect(report.burstConvergedMs != nil)
            #expect(report.livenessChanges == 0, "no false evasive, silent or expired peers")
        }
        // Deliveries per event: every holder stores each event once, as the topology says.
        #expect(flat64.storesPerEvent == 64)
        #expect(abs(city64.storesPerEvent - city64.storesPerEventByTopology) < 0.01)
        #expect(abs(city128.storesPerEvent - city128.storesPerEventByTopology) < 0.01)
        #expect(city64.storesPerEvent < flat64.storesPerEvent / 3)
        // Twice the agents, about the same per event and per agent: bounded by the scope.
        #expect(city128.storesPerEvent < city64.storesPerEvent * 1.2)
        #expect(city128.peersMean < city64.peersMean * 1.2)
        #expect(city128.idleMessagesPerAgentSecond < city64.idleMessagesPerAgentSecond * 1.2)
        #expect(city128.idleBytesPerAgentSecond < city64.idleBytesPerAgentSecond * 1.25)
        // Idle: one HEAD per peer every 10 heartbeats, with no entries once nothing changes.
        #expect(city64.idleMessagesPerAgentSecond <= city64.peersMean / 10 * 1.5)
        #expect(flat64.idleMessagesPerAgentSecond > city64.idleMessagesPerAgentSecond * 3)
        #expect(city64.idleHeadEntriesPerAgentSecond <= flat64.idleHeadEntriesPerAgentSecond)
        #expect(city64.idleBytesPerAgentSecond < flat64.idleBytesPerAgentSecond / 3)
    }
}
