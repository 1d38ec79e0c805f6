import CZeroMQ

/// The socket types of libzmq 4.3 without the draft API.
public enum SocketType: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case pub, sub, xpub, xsub, router, dealer, push, pull, req, rep, pair

    /// The `ZMQ_*` constant.
    public var rawValue: Int32 {
        switch self {
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .pair: ZMQ_PAIR
        }
    }

    /// `PUB`, `ROUTER`, …
    public var description: String {
        switch self {
        case .pub: "PUB"
        case .sub: "SUB"
        case .xpub: "XPUB"
        case .xsub: "XSUB"
        case .router: "ROUTER"
        case .dealer: "DEALER"
        case .push: "PUSH"
        case .pull: "PULL"
        case .req: "REQ"
        case .rep: "REP"
        case .pair: "PAIR"
        }
    }
}
