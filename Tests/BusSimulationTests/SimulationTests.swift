import BusSimulation
import Testing

@Suite("Deterministic simulation of the whole bus")
struct SimulationTests {
    @Test("a seed replays exactly")
    func replays() throws {
        let a = try Simulation(SimConfiguration(seed: 7, nodes: 5, steps: 1500)).run()
        let b = try Simulation(SimConfiguration(seed: 7, nodes: 5, steps: 1500)).run()
        #expect(a.digest == b.digest)
        #expect(a.appended == b.appended && a.faults == b.faults)
        let c = try Simulation(SimConfiguration(seed: 8, nodes: 5, steps: 1500)).run()
        #expect(c.digest != a.digest)
    }
}
