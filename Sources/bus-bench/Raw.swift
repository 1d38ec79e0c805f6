import CZeroMQ
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The raw libzmq baselines, on the C API directly: no envelope, no hashing, no storage.
enum Raw {
    static func check(_ code: Int32, _ what: String) throws {
        if code != 0 { throw BenchError("\(what): \(String(cString: zmq_strerror(zmq_errno())))") }
    }

    static func setInt(_ socket: UnsafeMutableRawPointer, _ option: Int32, _ value: Int32) throws {
        var value = value
        try check(zmq_setsockopt(socket, option, &value, MemoryLayout<Int32>.size), "zmq_setsockopt(\(option))")
    }

    /// Publisher: XPUB with XPUB_NODROP and blocking sends (lossless), waits for `subscribers`
    /// subscriptions, then sends `count` messages of `size` bytes (the first 8 bytes number them).
    /// Prints `start_ns=` (CLOCK_MONOTONIC) just before the first send.
    /// With `curveSecret` (Z85) it is a CURVE server (no ZAP handler: encryption cost only).
    static func publish(endpoint: String, count: Int, size: Int, subscribers: Int, curveSecret: String? = nil) throws {
        guard let context = zmq_ctx_new() else { throw BenchError("zmq_ctx_new failed") }
        defer { zmq_ctx_term(context) }
        guard let socket = zmq_socket(context, ZMQ_XPUB) else { throw BenchError("zmq_socket failed") }
        defer { zmq_close(socket) }
        try setInt(socket, ZMQ_SNDHWM, 10_000)
        try setInt(socket, ZMQ_XPUB_NODROP, 1)
        try setInt(socket, ZMQ_XPUB_VERBOSE, 1)
        try setInt(socket, ZMQ_LINGER, 60_000)  // close flushes everything queued
        try setInt(socket, ZMQ_SNDTIMEO, 60_000)
        try setInt(socket, ZMQ_RCVTIMEO, 30_000)
        if let curveSecret {
            try setInt(socket, ZMQ_CURVE_SERVER, 1)
            try check(zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, curveSecret, 40), "ZMQ_CURVE_SECRETKEY")
        }
        try check(zmq_bind(socket, endpoint), "zmq_bind(\(endpoint))")

        var subscription = [UInt8](repeating: 0, count: 256)
        var subscribed = 0
        while subscribed < subscribers {
            let received = zmq_recv(socket, &subscription, subscription.count, 0)
            guard received >= 0 else {
                if zmq_errno() == EINTR { continue }
                throw BenchError("only \(subscribed) of \(subscribers) subscribers subscribed")
            }
            if received > 0 && subscription[0] == 1 { subscribed += 1 }
        }

        var body = [UInt8](repeating: UInt8(ascii: "x"), count: max(size, 8))
        let start = monotonicNanos()
        for index in 0..<count {
            body.withUnsafeMutableBytes { $0.storeBytes(of: UInt64(index).littleEndian, as: UInt64.self) }
            while zmq_send(socket, body, body.count, 0) < 0 {
                if zmq_errno() != EINTR {
                    throw BenchError("send \(index) failed: \(String(cString: zmq_strerror(zmq_errno())))")
                }
            }
        }
        output("start_ns=\(start) sent_ns=\(monotonicNanos())")
    }

    /// Subscriber: receives `count` messages, checks they arrive complete and in order, and
    /// prints `end_ns=` at the last one.
    /// With `curveServerKey` (Z85) it is a CURVE client with a fresh key pair.
    static func subscribe(endpoint: String, count: Int, curveServerKey: String? = nil) throws {
        guard let context = zmq_ctx_new() else { throw BenchError("zmq_ctx_new failed") }
        defer { zmq_ctx_term(context) }
        guard let socket = zmq_socket(context, ZMQ_SUB) else { throw BenchError("zmq_socket failed") }
        defer { zmq_close(socket) }
        try setInt(socket, ZMQ_RCVHWM, 10_000)
        try setInt(socket, ZMQ_LINGER, 0)
        try setInt(socket, ZMQ_RCVTIMEO, 30_000)
        try check(zmq_setsockopt(socket, ZMQ_SUBSCRIBE, nil, 0), "subscribe")
        if let curveServerKey {
            var publicKey = [CChar](repeating: 0, count: 41)
            var secretKey = [CChar](repeating: 0, count: 41)
            try check(zmq_curve_keypair(&publicKey, &secretKey), "zmq_curve_keypair")
            try check(zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, curveServerKey, 40), "ZMQ_CURVE_SERVERKEY")
            try check(zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, publicKey, 40), "ZMQ_CURVE_PUBLICKEY")
            try check(zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, secretKey, 40), "ZMQ_CURVE_SECRETKEY")
        }
        try check(zmq_connect(socket, endpoint), "zmq_connect(\(endpoint))")
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        var received = 0
        var bytes = 0
        var inOrder = true
        var first: UInt64 = 0
        while received < count {
            let size = zmq_msg_recv(&message, socket, 0)
            guard size >= 0 else {
                if zmq_errno() == EINTR { continue }
                output("error=timeout count=\(received)")
                throw BenchError("subscriber got \(received) of \(count) messages")
            }
            if received == 0 { first = monotonicNanos() }
            if size >= 8 {
                let index = UInt64(littleEndian: zmq_msg_data(&message).loadUnaligned(as: UInt64.self))
                if index != UInt64(received) { inOrder = false }
            }
            received += 1
            bytes += Int(size)
        }
        output("end_ns=\(monotonicNanos()) first_ns=\(first) count=\(received) bytes=\(bytes) in_order=\(inOrder)")
    }

    /// Echo: a ROUTER that sends every message back to its sender until it gets an empty body.
    static func echo(endpoint: String) throws {
        guard let context = zmq_ctx_new() else { throw BenchError("zmq_ctx_new failed") }
        defer { zmq_ctx_term(context) }
        guard let socket = zmq_socket(context, ZMQ_ROUTER) else { throw BenchError("zmq_socket failed") }
        defer { zmq_close(socket) }
        try setInt(socket, ZMQ_LINGER, 0)
        try setInt(socket, ZMQ_RCVTIMEO, 60_000)
        try check(zmq_bind(socket, endpoint), "zmq_bind(\(endpoint))")
        var identity = zmq_msg_t()
        var body = zmq_msg_t()
        zmq_msg_init(&identity)
        zmq_msg_init(&body)
        defer {
            zmq_msg_close(&identity)
            zmq_msg_close(&body)
        }
        while true {
            guard zmq_msg_recv(&identity, socket, 0) >= 0 else {
                if zmq_errno() == EINTR { continue }
                return
            }
            guard zmq_msg_recv(&body, socket, 0) >= 0 else { return }
            if zmq_msg_size(&body) == 0 { return }
            zmq_msg_send(&identity, socket, ZMQ_SNDMORE)
            zmq_msg_send(&body, socket, 0)
        }
    }

    /// DEALER round trips to an echo ROUTER in another process, `count` of them, one every
    /// `intervalUs`; returns the round-trip times in microseconds.
    static func roundTrips(endpoint: String, count: Int, size: Int, intervalUs: Int) throws -> [Double] {
        guard let context = zmq_ctx_new() else { throw BenchError("zmq_ctx_new failed") }
        defer { zmq_ctx_term(context) }
        guard let socket = zmq_socket(context, ZMQ_DEALER) else { throw BenchError("zmq_socket failed") }
        defer { zmq_close(socket) }
        try setInt(socket, ZMQ_LINGER, 0)
        try setInt(socket, ZMQ_RCVTIMEO, 5000)
        try check(zmq_connect(socket, endpoint), "zmq_connect(\(endpoint))")
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: max(1, size))
        var reply = [UInt8](repeating: 0, count: body.count)
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for index in 0..<(count + 100) {  // the first 100 warm up the connection
            let start = monotonicNanos()
            guard zmq_send(socket, body, body.count, 0) == Int32(body.count) else {
                throw BenchError("echo send failed")
            }
            guard zmq_recv(socket, &reply, reply.count, 0) == Int32(body.count) else {
                throw BenchError("no echo within 5 s")
            }
            let elapsed = monotonicNanos() - start
            if index >= 100 { samples.append(Double(elapsed) / 1000) }
            let spent = Int(elapsed / 1000)
            if intervalUs > spent { usleep(UInt32(intervalUs - spent)) }
        }
        _ = zmq_send(socket, nil, 0, 0)  // tells the echo process to stop
        return samples
    }
}

/// Writes one line to stdout at once (the parent reads it from a file after the exit).
private func output(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
