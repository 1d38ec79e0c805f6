// zmq-bench: the Swift binding against the same loops written on libzmq's C API, in one run.
//
//   swift build -c release --product zmq-bench && .build/release/zmq-bench [--messages N]
//     [--roundtrips N] [--size BYTES] [--window N] [--runs N] [--json]
//
// (a) lossless PUB/SUB over tcp loopback (XPUB_NODROP, blocking sends, every message counted);
// (b) DEALER/ROUTER over tcp loopback: round-trip latency one at a time (p50/p99) and
//     pipelined round-trip throughput with a window of messages in flight.
// (c) CPU cost per message on one thread over inproc (no I/O threads): the binding's own cost,
//     far less sensitive to other load on the machine than (a) and (b).
// Each figure is the median of --runs runs; binding and raw runs alternate.

import Foundation
import ZeroMQ

struct Settings {
    var messages = 100_000
    var roundTrips = 10_000
    var size = 1024
    var window = 100
    var runs = 3
    var json = false
}

func parse(_ arguments: [String]) throws -> Settings {
    var settings = Settings()
    var iterator = arguments.makeIterator()
    func number(_ name: String) throws -> Int {
        guard let text = iterator.next(), let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0
        else {
            throw BenchError(description: "\(name) needs a positive number")
        }
        return value
    }
    while let argument = iterator.next() {
        switch argument {
        case "--messages": settings.messages = try number(argument)
        case "--roundtrips": settings.roundTrips = try number(argument)
        case "--size": settings.size = try number(argument)
        case "--window": settings.window = try number(argument)
        case "--runs": settings.runs = try number(argument)
        case "--json": settings.json = true
        case "--help", "-h":
            print("usage: zmq-bench [--messages N] [--roundtrips N] [--size BYTES] [--window N] [--runs N] [--json]")
            exit(0)
        default: throw BenchError(description: "unknown argument \(argument) (try --help)")
        }
    }
    return settings
}

struct Row {
    var name: String
    var unit: String
    var binding: Double
    var raw: Double
    /// For rates higher is better; for latencies lower is better.
    var higherIsBetter: Bool
    var ratio: Double { binding / raw }
    /// How much slower the binding is, in percent (negative: faster).
    var overheadPercent: Double { higherIsBetter ? (raw / binding - 1) * 100 : (binding / raw - 1) * 100 }
}

do {
    let settings = try parse(Array(CommandLine.arguments.dropFirst()))
    var samples: [String: [Double]] = [:]
    func note(_ key: String, _ value: Double) { samples[key, default: []].append(value) }
    func log(_ text: String) { if !settings.json { FileHandle.standardError.write("\(text)\n".data(using: .utf8)!) } }
    let pipelined = max(settings.messages / 2, settings.window)

    // Warm-up: connections, allocator, page faults.
    _ = try RawLoops.pubSub(messages: 20_000, size: settings.size)
    _ = try BindingLoops.pubSub(messages: 20_000, size: settings.size, receive: .message)

    for run in 1...settings.runs {
        log("run \(run)/\(settings.runs)")
        // Binding and raw alternate so that drifting machine load hits both alike.
        for mode in BindingLoops.Receive.allCases {
            note("pubsub.raw", try RawLoops.pubSub(messages: settings.messages, size: settings.size).perSecond)
            note(
                "pubsub.\(mode.rawValue)",
                try BindingLoops.pubSub(messages: settings.messages, size: settings.size, receive: mode).perSecond)
        }
        for (name, result) in [
            (
                "raw",
                try RawLoops.roundTrips(
                    latencyCount: settings.roundTrips, pipelined: pipelined, window: settings.window,
                    size: settings.size)
            ),
            (
                "binding",
                try BindingLoops.roundTrips(
                    latencyCount: settings.roundTrips, pipelined: pipelined, window: settings.window,
                    size: settings.size)
            ),
        ] {
            note("rtt.\(name).p50", result.0.percentile(50))
            note("rtt.\(name).p99", result.0.percentile(99))
            note("rtt.\(name).rate", result.0.perSecond)
            note("rtt.\(name).pipelined", result.1.perSecond)
        }
        for mode in BindingLoops.Receive.allCases {
            note("cpu.raw", try MicroLoops.raw(messages: settings.messages, size: settings.size))
            note(
                "cpu.\(mode.rawValue)",
                try MicroLoops.binding(messages: settings.messages, size: settings.size, receive: mode))
        }
    }
    func m(_ key: String) -> Double { median(samples[key]!) }

    var rows: [Row] = []
    for mode in BindingLoops.Receive.allCases {
        rows.append(
            Row(
                name: "pubsub_tcp_lossless [\(mode.rawValue)]", unit: "msg/s", binding: m("pubsub.\(mode.rawValue)"),
                raw: m("pubsub.raw"), higherIsBetter: true))
    }
    rows += [
        Row(
            name: "dealer_router_rtt_p50", unit: "us", binding: m("rtt.binding.p50"), raw: m("rtt.raw.p50"),
            higherIsBetter: false),
        Row(
            name: "dealer_router_rtt_p99", unit: "us", binding: m("rtt.binding.p99"), raw: m("rtt.raw.p99"),
            higherIsBetter: false),
        Row(
            name: "dealer_router_roundtrips_sequential", unit: "rt/s", binding: m("rtt.binding.rate"),
            raw: m("rtt.raw.rate"), higherIsBetter: true),
        Row(
            name: "dealer_router_roundtrips_pipelined", unit: "rt/s", binding: m("rtt.binding.pipelined"),
            raw: m("rtt.raw.pipelined"), higherIsBetter: true),
    ]
    for mode in BindingLoops.Receive.allCases {
        rows.append(
            Row(
                name: "inproc_cpu_per_message [\(mode.rawValue)]", unit: "ns", binding: m("cpu.\(mode.rawValue)"),
                raw: m("cpu.raw"), higherIsBetter: false))
    }

    if settings.json {
        var object: [String: Any] = [
            "messages": settings.messages, "roundtrips": settings.roundTrips, "pipelined": pipelined,
            "size": settings.size, "window": settings.window, "runs": settings.runs,
        ]
        var results: [String: Any] = [:]
        for row in rows {
            results[row.name] = [
                "unit": row.unit, "binding": row.binding, "raw": row.raw,
                "ratio_binding_over_raw": row.ratio, "binding_overhead_percent": row.overheadPercent,
            ]
        }
        object["results"] = results
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    } else {
        print(
            "zmq-bench: \(settings.size)-byte messages, median of \(settings.runs) runs, binding vs the same loop on the C API"
        )
        print(
            "  pub/sub: tcp loopback, \(settings.messages) messages, lossless (XPUB_NODROP, blocking sends, all counted)"
        )
        print(
            "  dealer/router: tcp loopback, \(settings.roundTrips) sequential round trips, \(pipelined) pipelined (window \(settings.window))"
        )
        print(
            "  inproc cpu: thread CPU time per message, one thread, PUSH->PULL batches of \(MicroLoops.batch), \(settings.messages) messages"
        )
        func format(_ value: Double, _ unit: String) -> String {
            unit == "us" ? String(format: "%.1f %@", value, unit) : String(format: "%.0f %@", value, unit)
        }
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        print(pad("measure", 46) + pad("binding", 16) + pad("raw C API", 16) + "binding/raw  binding overhead")
        for row in rows {
            print(
                pad(row.name, 46) + pad(format(row.binding, row.unit), 16) + pad(format(row.raw, row.unit), 16)
                    + String(format: "%.3f        %+.1f%%", row.ratio, row.overheadPercent))
        }
    }
} catch {
    FileHandle.standardError.write("zmq-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
