import Crypto
import Foundation
import SupervisionProtocol
import ZeroMQ

/// A failure of the exchange, printed on stderr.
struct PeerFailure: Error, CustomStringConvertible {
    var description: String
}

func log(_ line: String) {
    FileHandle.standardError.write(Data("protocol-peer: \(line)\n".utf8))
}

/// Receives and verifies one batch, answers with HELLO and a signed batch.
func exchange(_ options: PeerOptions, context: Context) throws {
    let router = try context.makeSocket(.router)
    defer { router.close() }
    try router.set(.linger, 0)
    try router.set(.maxMessageSize, 16 * 1024 * 1024 + 1024)
    try router.bind("tcp://127.0.0.1:*")
    // Unbuffered, so that the starting process reads it at once.
    FileHandle.standardOutput.write(Data("ENDPOINT \(try router.lastEndpoint)\n".utf8))

    guard let message = try router.receive(timeoutMilliseconds: options.timeoutMilliseconds) else {
        throw PeerFailure(description: "no message within \(options.timeoutMilliseconds) ms")
    }
    guard message.frames.count == 2 else {
        throw PeerFailure(description: "expected routing id + one frame, got \(message.frames.count) frames")
    }
    let sender = String(decoding: message.frames[0], as: UTF8.self)
    guard sender == options.peer else { throw PeerFailure(description: "message from unknown routing id \(sender)") }
    guard case .batch(let batch) = try BusMessage(serializedBytes: message.frames[1]) else {
        throw PeerFailure(description: "expected a batch")
    }
    guard batch.origin == options.peer, batch.firstSeq == 1 else {
        throw PeerFailure(description: "expected events of \(options.peer) from seq 1")
    }
    let hashes = try batch.verifyChain(after: .zero)
    try batch.checkpoint.verifySignature(publicKey: options.peerKey)
    let lastHash = hashes[hashes.count - 1]
    log("verified \(batch.events.count) event(s) of \(batch.origin) up to seq \(batch.lastSeq), hash \(lastHash)")

    let dealer = try context.makeSocket(.dealer)
    defer { dealer.close() }
    try dealer.set(.routingId, Array(options.department.utf8))
    try dealer.set(.linger, 5_000)
    try dealer.connect(options.replyTo)
    let hello = Hello(
        department: options.department, agent: "protocol-peer/1",
        heads: [HeadEntry(origin: batch.origin, seq: batch.lastSeq, hash: lastHash)])
    let event = EventEnvelope(
        origin: options.department, seq: 1, prevHash: .zero,
        timestampMs: Int64(Date().timeIntervalSince1970 * 1000), payload: TestPayload(body: lastHash.bytes))
    let checkpoint = try Checkpoint(
        origin: options.department, seq: 1, eventHash: event.computeHash(), keyId: 0,
        signingWith: options.signingKey)
    let reply = EventBatch(origin: options.department, events: [event], checkpoint: checkpoint)
    for frame in [BusMessage.hello(hello), .batch(reply)] {
        guard try dealer.send([frame.serializedBytes()]) else { throw PeerFailure(description: "send would block") }
    }
    log("replied to \(options.replyTo) with HELLO and a signed batch")
}

let options: PeerOptions
do {
    options = try PeerOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    log("\(error)")
    FileHandle.standardError.write(Data((PeerOptions.usage + "\n").utf8))
    exit(2)
}
do {
    let context = try Context()
    defer { context.terminate() }  // after the sockets closed: flushes the replies (linger)
    try exchange(options, context: context)
} catch {
    log("FAILED: \(error)")
    exit(1)
}
exit(0)
