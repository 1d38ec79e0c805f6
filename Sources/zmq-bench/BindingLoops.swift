import ZeroMQ

/// The benchmark loops written with the Swift binding.
enum BindingLoops {
    /// How the binding loops receive.
    enum Receive: String, CaseIterable {
        /// `receive() -> Message`: a new owned message per receive.
        case message = "receive()"
        /// `receive(into: &message)`: one message whose buffers are reused.
        case reuse = "receive(into:)"
        /// `receiveFrames { bytes, more in }`: borrowed bytes, no copy.
        case borrowed = "receiveFrames"
    }

    /// Lossless PUB/SUB: XPUB with `xpubNoDrop` and blocking sends; the subscriber counts.
    static func pubSub(messages: Int, size: Int, receive mode: Receive) throws -> Throughput {
        let endpoint = Handoff<String>()
        let started = Handoff<ContinuousClock.Instant>()
        // The publisher keeps its socket open until everything arrived: closing earlier would
        // discard what is still queued once the linger time has passed.
        let done = Handoff<Bool>()
        let publisher = ZMQThread<Void>(name: "bind-pub") {
            let context = try Context()
            defer { context.terminate() }
            let pub = try context.makeSocket(.xpub)
            defer { pub.close() }
            try pub.set(.xpubNoDrop, true)
            try pub.set(.sendHighWaterMark, 100_000)
            try pub.bind("tcp://127.0.0.1:*")
            endpoint.put(try pub.lastEndpoint)
            _ = try pub.receive()  // the subscription: the subscriber is connected
            let payload = [UInt8](repeating: 0x5A, count: size)
            started.put(ContinuousClock.now)
            for _ in 0..<messages { try pub.send([payload]) }
            _ = done.take()
        }
        let subscriber = ZMQThread<(Int, ContinuousClock.Instant)>(name: "bind-sub") {
            let context = try Context()
            defer { context.terminate() }
            let sub = try context.makeSocket(.sub)
            defer { sub.close() }
            try sub.set(.receiveHighWaterMark, 100_000)
            try sub.connect(endpoint.take())
            try sub.subscribe()
            var count = 0
            var bytes = 0
            var reused = Message(frames: [])
            while count < messages {
                switch mode {
                case .message: bytes += try sub.receive()?.frames[0].count ?? 0
                case .reuse:
                    _ = try sub.receive(into: &reused)
                    bytes += reused.frames[0].count
                case .borrowed: _ = try sub.receiveFrames { frame, _ in bytes += frame.count }
                }
                count += 1
            }
            guard bytes == messages * size else { throw BenchError(description: "bad message sizes") }
            let end = ContinuousClock.now
            done.put(true)
            return (count, end)
        }
        let (count, end) = try subscriber.join()
        try publisher.join()
        guard count == messages else { throw BenchError(description: "lost \(messages - count) messages") }
        return Throughput(messages: count, seconds: (end - started.take()).seconds)
    }

    /// A ROUTER that echoes `total` messages back to their sender.
    static func echo(endpoint: Handoff<String>, total: Int) -> ZMQThread<Void> {
        ZMQThread(name: "bind-echo") {
            let context = try Context()
            defer { context.terminate() }
            let router = try context.makeSocket(.router)
            defer { router.close() }
            try router.set(.sendHighWaterMark, 100_000)
            try router.set(.receiveHighWaterMark, 100_000)
            try router.bind("tcp://127.0.0.1:*")
            endpoint.put(try router.lastEndpoint)
            var message = Message(frames: [])
            for _ in 0..<total {
                _ = try router.receive(into: &message)
                try router.send(message.frames)
            }
        }
    }

    /// DEALER/ROUTER round trips (receiving with `receive(into:)`): `latencyCount` one at a time, then `pipelined` with `window` in flight.
    static func roundTrips(latencyCount: Int, pipelined: Int, window: Int, size: Int) throws -> (Latency, Throughput) {
        let endpoint = Handoff<String>()
        let server = echo(endpoint: endpoint, total: latencyCount + pipelined)
        let client = ZMQThread<(Latency, Throughput)>(name: "bind-dealer") {
            let context = try Context()
            defer { context.terminate() }
            let dealer = try context.makeSocket(.dealer)
            defer { dealer.close() }
            try dealer.set(.sendHighWaterMark, 100_000)
            try dealer.set(.receiveHighWaterMark, 100_000)
            try dealer.connect(endpoint.take())
            let payload = [UInt8](repeating: 0xA5, count: size)
            var reply = Message(frames: [])
            func receiveReply() throws {
                guard try dealer.receive(into: &reply), reply.frames[0].count == size else {
                    throw BenchError(description: "bad echo")
                }
            }
            let clock = ContinuousClock()
            var samples: [Double] = []
            samples.reserveCapacity(latencyCount)
            let latencyStart = clock.now
            for _ in 0..<latencyCount {
                let start = clock.now
                try dealer.send([payload])
                try receiveReply()
                samples.append((clock.now - start).seconds * 1e6)
            }
            let latency = Latency(samples: samples, seconds: (clock.now - latencyStart).seconds)
            let start = clock.now
            var sent = 0
            var received = 0
            while sent < min(window, pipelined) {
                try dealer.send([payload])
                sent += 1
            }
            while received < pipelined {
                try receiveReply()
                received += 1
                if sent < pipelined {
                    try dealer.send([payload])
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
