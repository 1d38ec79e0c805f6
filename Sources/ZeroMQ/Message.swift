/// A received (or to-be-sent) multipart message: its frames and the connection's properties.
///
/// `userId` is what the ``ZAPHandler`` (or another ZAP handler) answered for the sending peer's
/// credentials: trust it, never a sender field inside the payload.
public struct Message: Sendable, Hashable {
    /// The frames, in order. Frames may be empty; a message has at least one frame.
    public var frames: [[UInt8]]
    /// The `User-Id` property the ZAP handler gave the peer's connection, if any.
    public var userId: String?
    /// The `Peer-Address` property: the peer's IP address (TCP only), if any.
    public var peerAddress: String?

    /// Makes a message to send.
    public init(frames: [[UInt8]], userId: String? = nil, peerAddress: String? = nil) {
        self.frames = frames
        self.userId = userId
        self.peerAddress = peerAddress
    }

    /// Makes a message of UTF-8 text frames.
    public init(_ strings: String...) {
        self.init(frames: strings.map { Array($0.utf8) })
    }

    /// The frames decoded as UTF-8 (invalid bytes repaired), handy in tests and logs.
    public var strings: [String] { frames.map { String(decoding: $0, as: UTF8.self) } }
}
