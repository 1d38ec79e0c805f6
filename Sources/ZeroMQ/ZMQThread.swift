import CZeroMQ
import Foundation

/// A dedicated OS thread for a socket-owning loop, so blocking ZeroMQ calls never run on
/// Swift's cooperative thread pool.
///
/// Create the sockets inside `body` (or hand them over with `sending`): the thread is then
/// their one owner. Await the loop's end from async code with ``value`` or ``run(name:_:)``,
/// or block on ``join()`` from another plain thread.
///
/// ```swift
/// let context = try Context()
/// let count = try await ZMQThread.run(name: "sub") {
///     let sub = try context.makeSocket(.sub)
///     defer { sub.close() }
///     try sub.connect("tcp://127.0.0.1:5556")
///     try sub.subscribe()
///     var n = 0
///     while let message = try sub.receive(timeoutMilliseconds: 1000), message.frames != [[]] { n += 1 }
///     return n
/// }
/// ```
/// Stopping a loop is the caller's design: a control socket in the poll set, a timeout
/// checking a flag, or ``Context/shutdown()`` (blocking calls then throw `ETERM`).
public final class ZMQThread<Success: Sendable>: Sendable {
    private let condition = NSCondition()
    nonisolated(unsafe) private var result: Result<Success, any Error>?
    nonisolated(unsafe) private var waiters: [CheckedContinuation<Success, any Error>] = []

    /// The thread's name (visible in debuggers and `top -H`, first 15 bytes on Linux).
    public let name: String

    /// Starts `body` on a new thread at once.
    public init(name: String, stackSize: Int = 0, _ body: sending @escaping () throws -> Success) {
        self.name = name
        let work = UnsafeTransfer(body)
        let thread = Thread { [self] in
            czmq_set_thread_name(name)
            let outcome = Result { try work.value() }
            condition.lock()
            result = outcome
            let resumed = waiters
            waiters = []
            condition.broadcast()
            condition.unlock()
            for waiter in resumed { waiter.resume(with: outcome) }
        }
        thread.name = name
        if stackSize > 0 { thread.stackSize = stackSize }
        thread.start()
    }

    /// Whether `body` has returned or thrown.
    public var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return result != nil
    }

    /// Suspends (without blocking a cooperative thread) until `body` ends; its result or error.
    public var value: Success {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                condition.lock()
                if let result {
                    condition.unlock()
                    continuation.resume(with: result)
                } else {
                    waiters.append(continuation)
                    condition.unlock()
                }
            }
        }
    }

    /// Blocks the calling thread until `body` ends. Never call it from async code: use ``value``.
    @available(*, noasync, message: "use `await thread.value`")
    public func join() throws -> Success {
        condition.lock()
        while result == nil { condition.wait() }
        let result = self.result!
        condition.unlock()
        return try result.get()
    }

    /// Runs `body` on a new thread named `name` and waits (asynchronously) for its result.
    public static func run(name: String, _ body: sending @escaping () throws -> Success) async throws -> Success {
        try await ZMQThread(name: name, body).value
    }
}

/// Carries a `sending` closure into Foundation's `@Sendable` thread entry point; the closure is
/// used on that thread only.
private struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
