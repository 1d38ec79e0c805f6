import SwiftProtobuf

extension BusMessage {
    /// Decodes and validates one frame.
    ///
    /// Throws ``ProtocolError`` with code ``ProtocolError/Code/malformed`` for bytes that
    /// are not a protobuf `BusMessage`, ``ProtocolError/Code/unknownMessage`` for a body
    /// this version does not know (or none), and the codes of the message's own rules
    /// otherwise (invalid fields, inconsistent batch). Unknown fields are ignored. Hashes
    /// and signatures are not verified here (see ``EventBatch/verifyChain(after:)``).
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_BusMessage.self, bytes, what: "frame")
        switch wire.body {
        case .hello(let hello):
            self = .hello(try Self.convert("hello") { () throws(ProtocolError) in try Hello(wire: hello) })
        case .batch(let batch):
            self = .batch(try Self.convert("batch") { () throws(ProtocolError) in try EventBatch(wire: batch) })
        case .head(let head):
            self = .head(try Self.convert("head") { () throws(ProtocolError) in try Head(wire: head) })
        case .fetch(let fetch):
            self = .fetch(try Self.convert("fetch") { () throws(ProtocolError) in try FetchRequest(wire: fetch) })
        case .miss(let miss):
            self = .miss(try Self.convert("miss") { () throws(ProtocolError) in try FetchMiss(wire: miss) })
        case nil:
            throw ProtocolError(
                .unknownMessage,
                wire.unknownFields.data.isEmpty
                    ? "the message has no body" : "the message has no body known to protocol version 1")
        }
    }

    /// The protobuf encoding: one frame.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_BusMessage()
        switch self {
        case .hello(let hello): wire.hello = hello.wire
        case .batch(let batch): wire.batch = batch.wire
        case .head(let head): wire.head = head.wire
        case .fetch(let fetch): wire.fetch = fetch.wire
        case .miss(let miss): wire.miss = miss.wire
        }
        return encodeWire(wire)
    }

    /// The name of the body (`hello`, `batch`, `head`, `fetch`, `miss`), for logs and metrics.
    public var name: String {
        switch self {
        case .hello: "hello"
        case .batch: "batch"
        case .head: "head"
        case .fetch: "fetch"
        case .miss: "miss"
        }
    }

    private static func convert<T>(_ body: String, _ make: () throws(ProtocolError) -> T) throws(ProtocolError) -> T {
        do {
            return try make()
        } catch {
            throw error.prefixed(body)
        }
    }
}
