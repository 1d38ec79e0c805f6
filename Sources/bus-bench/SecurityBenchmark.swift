import Foundation
import SupervisionBus
import SupervisionProtocol

/// The cost of security: durable fan-out with CURVE + ZAP on and off, next to raw libzmq
/// PUB/SUB with CURVE on and off, all in the same run (interleaved), plus the Ed25519
/// checkpoint costs (signatures cannot be turned off: they are the log's integrity).
struct SecurityResult: Codable {
    var events: Int
    var size: Int
    var subscribers: Int
    var secure: [DurableRun]
    var insecure: [DurableRun]
    var rawPlain: [RawRun]
    var rawCurve: [RawRun]
    var secureMedian: Double
    var insecureMedian: Double
    var rawPlainMedian: Double
    var rawCurveMedian: Double
    /// Throughput without security over with it, for the bus: what security costs it.
    var busCost: Double
    /// Raw plain over raw CURVE: what CURVE alone costs libzmq.
    var rawCurveCost: Double
    /// Secure bus throughput over raw CURVE throughput.
    var secureToRawCurve: Double
    var secureCPUMicrosPerEvent: Double
    var insecureCPUMicrosPerEvent: Double
    /// Checkpoint signatures made and verified per second on one core, in this process.
    var signaturesPerSecond: Double
    var verificationsPerSecond: Double
    var goalMet: Bool
}

extension Benchmarks {
    func security(events: Int, size: Int, subscribers: Int, repeats: Int) throws -> SecurityResult {
        var secure: [DurableRun] = []
        var insecure: [DurableRun] = []
        var rawPlain: [RawRun] = []
        var rawCurve: [RawRun] = []
        for index in 1...repeats {
            rawPlain.append(try rawFanout(events: events, size: size, subscribers: subscribers))
            rawCurve.append(try rawFanout(events: events, size: size, subscribers: subscribers, curve: true))
            insecure.append(try durableFanout(events: events, size: size, subscribers: subscribers, insecure: true))
            secure.append(try durableFanout(events: events, size: size, subscribers: subscribers))
            progress(
                "security \(index)/\(repeats): raw plain \(Format.count(rawPlain.last!.eventsPerSecond))/s, "
                    + "raw CURVE \(Format.count(rawCurve.last!.eventsPerSecond))/s, "
                    + "bus insecure \(Format.count(insecure.last!.eventsPerSecond))/s, "
                    + "bus secure \(Format.count(secure.last!.eventsPerSecond))/s")
        }
        let (signatures, verifications) = try signatureRates()
        let secureMedian = Stats.median(secure.map(\.eventsPerSecond))
        let insecureMedian = Stats.median(insecure.map(\.eventsPerSecond))
        let rawPlainMedian = Stats.median(rawPlain.map(\.eventsPerSecond))
        let rawCurveMedian = Stats.median(rawCurve.map(\.eventsPerSecond))
        let busCost = insecureMedian / secureMedian
        let rawCurveCost = rawPlainMedian / rawCurveMedian
        return SecurityResult(
            events: events, size: size, subscribers: subscribers, secure: secure, insecure: insecure,
            rawPlain: rawPlain, rawCurve: rawCurve, secureMedian: secureMedian, insecureMedian: insecureMedian,
            rawPlainMedian: rawPlainMedian, rawCurveMedian: rawCurveMedian, busCost: busCost,
            rawCurveCost: rawCurveCost, secureToRawCurve: secureMedian / rawCurveMedian,
            secureCPUMicrosPerEvent: Stats.median(secure.map(\.cpuMicrosPerEvent)),
            insecureCPUMicrosPerEvent: Stats.median(insecure.map(\.cpuMicrosPerEvent)),
            signaturesPerSecond: signatures, verificationsPerSecond: verifications,
            goalMet: busCost <= rawCurveCost)
    }

    /// Ed25519 checkpoint signing and verification rates, here, on one core.
    private func signatureRates(count: Int = 4000) throws -> (sign: Double, verify: Double) {
        let key = SigningKey()
        let verifier = try CheckpointVerifier(publicKeys: ["origin": [0: key.publicKey]])
        var checkpoints: [Checkpoint] = []
        checkpoints.reserveCapacity(count)
        var start = monotonicNanos()
        for seq in 1...count {
            checkpoints.append(
                try key.signCheckpoint(
                    origin: "origin", seq: UInt64(seq), eventHash: Hash256.sha256(of: [UInt8(seq & 0xFF)])))
        }
        let sign = Double(count) / secondsSince(start)
        start = monotonicNanos()
        var valid = 0
        for checkpoint in checkpoints where verifier.isValid(checkpoint) { valid += 1 }
        let verify = Double(count) / secondsSince(start)
        guard valid == count else { throw BenchError("signature check: \(count - valid) checkpoints failed to verify") }
        return (sign, verify)
    }
}
