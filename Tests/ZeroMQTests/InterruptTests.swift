import Foundation
import Synchronization
import Testing
import ZeroMQ

private let signalsHandled = Atomic<Int>(0)

@Suite("Interrupted calls", .timeLimit(.minutes(1)))
struct InterruptTests {
    /// libzmq returns EINTR from blocking calls when a signal arrives; the binding retries.
    @Test(arguments: [false, true])
    func blockingReceiveSurvivesSignals(usePoll: Bool) throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in signalsHandled.add(1, ordering: .relaxed) }
        action.sa_flags = 0  // no SA_RESTART
        sigemptyset(&action.sa_mask)
        sigaction(SIGUSR1, &action, nil)

        let context = try Context()
        let receiverThread = Mutex<pthread_t?>(nil)
        let receiver = ZMQThread<[String]>(name: "interrupted") {
            let pull = try context.makeSocket(.pull)
            defer { pull.close() }
            try pull.bind("inproc://interrupted")
            // Threads inherit the creator's signal mask; Dispatch's workers block signals.
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGUSR1)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            receiverThread.withLock { $0 = pthread_self() }
            let message = usePoll ? try pull.receive(timeoutMilliseconds: 50_000) : try pull.receive()
            return message?.strings ?? []
        }
        var thread: pthread_t?
        while thread == nil { thread = receiverThread.withLock { $0 } }
        // Interrupt the (almost always blocked) receiver many times, one signal at a time.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        for _ in 0..<50 {
            let before = signalsHandled.load(ordering: .relaxed)
            pthread_kill(thread!, SIGUSR1)
            while signalsHandled.load(ordering: .relaxed) == before, clock.now < deadline { sched_yield() }
        }
        #expect(clock.now < deadline, "signals were not delivered")
        let push = try context.makeSocket(.push)
        try push.connect("inproc://interrupted")
        try push.send([bytes("after signals")])
        push.close()
        #expect(try receiver.join() == ["after signals"])
        context.terminate()
    }
}
