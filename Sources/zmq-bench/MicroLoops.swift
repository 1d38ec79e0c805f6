import CZeroMQ
import Foundation
import ZeroMQ

/// Per-message CPU cost on one thread over inproc (no I/O threads, no scheduling noise):
/// PUSH sends a batch, PULL receives it, repeated. The difference between the binding and the
/// raw loop is the binding's own cost per message. Timed in thread CPU time
/// (`CLOCK_THREAD_CPUTIME_ID`), so time spent preempted by other processes does not count.
enum MicroLoops {
    static let batch = 500

    /// The calling thread's CPU time in seconds.
    static func cpuNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func binding(messages: Int, size: Int, receive mode: BindingLoops.Receive) throws -> Double {
        let context = try Context()
        defer { context.terminate() }
        let pull = try context.makeSocket(.pull)
        defer { pull.close() }
        try pull.bind("inproc://micro")
        let push = try context.makeSocket(.push)
        defer { push.close() }
        try push.connect("inproc://micro")
        let payload = [UInt8](repeating: 1, count: size)
        let start = cpuNow()
        var done = 0
        var bytes = 0
        var reused = Message(frames: [])
        while done < messages {
            for _ in 0..<batch {
                try push.send([payload])
            }
            for _ in 0..<batch {
                switch mode {
                case .message: bytes += try pull.receive()?.frames[0].count ?? 0
                case .reuse:
                    _ = try pull.receive(into: &reused)
                    bytes += reused.frames[0].count
                case .borrowed: _ = try pull.receiveFrames { frame, _ in bytes += frame.count }
                }
            }
            done += batch
        }
        precondition(bytes == done * size)
        return (cpuNow() - start) * 1e9 / Double(done)
    }

    static func raw(messages: Int, size: Int) throws -> Double {
        let context = zmq_ctx_new()
        let pull = zmq_socket(context, ZMQ_PULL)!
        zmq_bind(pull, "inproc://micro")
        let push = zmq_socket(context, ZMQ_PUSH)!
        zmq_connect(push, "inproc://micro")
        let payload = [UInt8](repeating: 1, count: size)
        var msg = zmq_msg_t()
        zmq_msg_init(&msg)
        let start = cpuNow()
        var done = 0
        var bytes = 0
        while done < messages {
            for _ in 0..<batch { try RawLoops.send(push, payload) }
            for _ in 0..<batch { bytes += try RawLoops.receive(pull, &msg) }
            done += batch
        }
        let elapsed = cpuNow() - start
        zmq_msg_close(&msg)
        precondition(bytes == done * size)
        zmq_close(push)
        zmq_close(pull)
        zmq_ctx_term(context)
        return elapsed * 1e9 / Double(done)
    }
}
