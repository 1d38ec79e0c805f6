import CZeroMQ
import ZeroMQ  // ZMQThread only: the loops themselves use the C API

/// The same loops written directly against libzmq's C API (zmq_send / zmq_msg_recv).
enum RawLoops {
    static func check(_ rc: Int32, _ what: String) throws {
        if rc != 0 { throw BenchError(description: "\(what): \(String(cString: zmq_strerror(zmq_errno())))") }
    }

    static func setInt(_ socket: UnsafeMutableRawPointer, _ option: Int32, _ value: Int32) throws {
        var value = value
        try check(zmq_setsockopt(socket, option, &value, MemoryLayout<Int32>.size), "zmq_setsockopt")
    }

    static func lastEndpoint(_ socket: UnsafeMutableRawPointer) throws -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        try check(zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, &buffer, &size), "zmq_getsockopt")
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A context and socket made on the calling thread; `close()` tears both down.
    struct Endpoint {
        let context: UnsafeMutableRawPointer
        let socket: UnsafeMutableRawPointer

        init(_ type: Int32) {
            context = zmq_ctx_new()
            socket = zmq_socket(context, type)
            var linger: Int32 = 100
            zmq_setsockopt(socket, ZMQ_LINGER, &linger, 4)
        }

        func close() {
            zmq_close(socket)
            zmq_ctx_term(context)
        }
    }

    static func send(_ socket: UnsafeMutableRawPointer, _ payload: [UInt8], _ flags: Int32 = 0) throws {
        let rc = payload.withUnsafeBytes { zmq_send(socket, $0.baseAddress, $0.count, flags) }
        if rc < 0 { throw BenchError(description: "zmq_send: \(String(cString: zmq_strerror(zmq_errno())))") }
    }

    /// Receives one frame into `msg`; returns its size.
    static func receive(_ socket: UnsafeMutableRawPointer, _ msg: UnsafeMutablePointer<zmq_msg_t>) throws -> Int {
        let rc = zmq_msg_recv(msg, socket, 0)
        if rc < 0 { throw BenchError(description: "zmq_msg_recv: \(String(cString: zmq_strerror(zmq_errno())))") }
        return Int(rc)
    }

    static func pubSub(messages: Int, size: Int) throws -> Throughput {
        let endpoint = Handoff<String>()
        let started = Handoff<ContinuousClock.Instant>()
        // The publisher keeps its socket open until everything arrived: closing earlier would
        // discard what is still queued once the linger time has passed.
        let done = Handoff<Bool>()
        let publisher = ZMQThread<Void>(name: "raw-pub") {
            let pub = Endpoint(ZMQ_XPUB)
            defer { pub.close() }
            try setInt(pub.socket, ZMQ_XPUB_NODROP, 1)
            try setInt(pub.socket, ZMQ_SNDHWM, 100_000)
            try check(zmq_bind(pub.socket, "tcp://127.0.0.1:*"), "zmq_bind")
            endpoint.put(try lastEndpoint(pub.socket))
            var msg = zmq_msg_t()
            zmq_msg_init(&msg)
            _ = try receive(pub.socket, &msg)  // the subscription
            zmq_msg_close(&msg)
            let payload = [UInt8](repeating: 0x5A, count: size)
            started.put(ContinuousClock.now)
            for _ in 0..<messages { try send(pub.socket, payload) }
            _ = done.take()
        }
        let subscriber = ZMQThread<(Int, ContinuousClock.Instant)>(name: "raw-sub") {
            let sub = Endpoint(ZMQ_SUB)
            defer { sub.close() }
            try setInt(sub.socket, ZMQ_RCVHWM, 100_000)
            try check(zmq_connect(sub.socket, endpoint.take()), "zmq_connect")
            try check(zmq_setsockopt(sub.socket, ZMQ_SUBSCRIBE, nil, 0), "subscribe")
            var msg = zmq_msg_t()
            zmq_msg_init(&msg)
            defer { zmq_msg_close(&msg) }
            var count = 0
            while count < messages {
                guard try receive(sub.socket, &msg) == size else { throw BenchError(description: "bad message") }
                count += 1
            }
            let end = ContinuousClock.now
            done.put(true)
            return (count, end)
        }
        let (count, end) = try subscriber.join()
        try publisher.join()
        guard count == messages else { throw BenchError(description: "lost \(messages - count) messages") }
        return Throughput(messages: count, seconds: (end - started.take()).seconds)
    }

    static func echo(endpoint: Handoff<String>, total: Int) -> ZMQThread<Void> {
        ZMQThread(name: "raw-echo") {
            let router = Endpoint(ZMQ_ROUTER)
            defer { router.close() }
            try setInt(router.socket, ZMQ_SNDHWM, 100_000)
            try setInt(router.socket, ZMQ_RCVHWM, 100_000)
            try check(zmq_bind(router.socket, "tcp://127.0.0.1:*"), "zmq_bind")
            endpoint.put(try lastEndpoint(router.socket))
            var msg = zmq_msg_t()
            zmq_msg_init(&msg)
            defer { zmq_msg_close(&msg) }
            for _ in 0..<total {
                // Forward every frame as it comes (routing id, then payload).
                repeat {
                    _ = try receive(router.socket, &msg)
                    let more = zmq_msg_more(&msg) != 0
                    if zmq_msg_send(&msg, router.socket, more ? ZMQ_SNDMORE : 0) < 0 {
                        throw BenchError(description: "zmq_msg_send")
                    }
                    if !more { break }
                } while true
            }
        }
    }

    static func roundTrips(latencyCount: Int, pipelined: Int, window: Int, size: Int) throws -> (Latency, Throughput) {
        let endpoint = Handoff<String>()
        let server = echo(endpoint: endpoint, total: latencyCount + pipelined)
        let client = ZMQThread<(Latency, Throughput)>(name: "raw-dealer") {
            let dealer = Endpoint(ZMQ_DEALER)
            defer { dealer.close() }
            try setInt(dealer.socket, ZMQ_SNDHWM, 100_000)
            try setInt(dealer.socket, ZMQ_RCVHWM, 100_000)
            try check(zmq_connect(dealer.socket, endpoint.take()), "zmq_connect")
            let payload = [UInt8](repeating: 0xA5, count: size)
            var msg = zmq_msg_t()
            zmq_msg_init(&msg)
            defer { zmq_msg_close(&msg) }
            let clock = ContinuousClock()
            var samples: [Double] = []
            samples.reserveCapacity(latencyCount)
            let latencyStart = clock.now
            for _ in 0..<latencyCount {
                let start = clock.now
                try send(dealer.socket, payload)
                guard try receive(dealer.socket, &msg) == size else { throw BenchError(description: "bad echo") }
                samples.append((clock.now - start).seconds * 1e6)
            }
            let latency = Latency(samples: samples, seconds: (clock.now - latencyStart).seconds)
            let start = clock.now
            var sent = 0
            var received = 0
            while sent < min(window, pipelined) {
                try send(dealer.socket, payload)
                sent += 1
            }
            while received < pipelined {
                guard try receive(dealer.socket, &msg) == size else { throw BenchError(description: "bad echo") }
                received += 1
                if sent < pipelined {
                    try send(dealer.socket, payload)
                    sent += 1
                }
            }
            return (latency, Throughput(messages: received, seconds: (clock.now - start).seconds))
        }
        let result = try client.join()
        try server.join()
        return result
    }
}
