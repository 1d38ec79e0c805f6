import BusSimulation
import Testing

/// Seeds of `bus-sim` that `swift test` runs (600 steps each, 4 to 8 nodes by seed): every
/// invariant must hold. A seed that once found a defect stays here as its regression test.
/// `scripts/test` then runs 200 more (31 on) from a release build.
@Suite("bus-sim seeds: every invariant holds")
struct SeedTests {
    /// Seeds 7 and 21 once failed: a stub relayed after a change of rights settled a payload
    /// the node had become entitled to (7); a holder whose copy of an origin forks later was
    /// never asked for the payloads before the fork (21). Seed 30 (a restored origin that
    /// recovered before a peer had stored its old tail) holds since recovery waits for a second
    /// announcement from every peer.
    static let seeds: [UInt64] = Array(1...12) + [21, 30]

    @Test("seed passes", arguments: SeedTests.seeds)
    func seedPasses(seed: UInt64) throws {
        let report = try Simulation(SimConfiguration(seed: seed, nodes: 4 + Int(seed % 5), steps: 600)).run()
        #expect(
            report.violations.isEmpty,
            "bus-sim --seed \(seed) --nodes \(report.nodes) --steps 600: \(report.violations)")
        #expect(report.appended > 0)
    }
}
