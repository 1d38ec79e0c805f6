import CZeroMQ

/// A typed socket option: its `ZMQ_*` code and the Swift type of its value.
///
/// Use with ``Socket/set(_:_:)`` and ``Socket/get(_:)``:
/// ```swift
/// try socket.set(.sendHighWaterMark, 100_000)
/// try socket.set(.routerMandatory, true)
/// let linger = try socket.get(.linger)      // Int32
/// ```
/// Some options are write-only in libzmq 4.3 (subscribe, unsubscribe, routerMandatory,
/// xpubNoDrop): `get` throws `EINVAL` for them. Times are in milliseconds.
public struct SocketOption<Value>: Sendable {
    enum Kind: Sendable { case int32, bool, int64, bytes, string, curveKey, events }

    /// The `ZMQ_*` option code.
    public let code: Int32
    /// The libzmq name, e.g. `ZMQ_SNDHWM`, used in error messages.
    public let name: String
    let kind: Kind

    init(_ code: Int32, _ name: String, _ kind: Kind) {
        self.code = code
        self.name = name
        self.kind = kind
    }
}

extension SocketOption where Value == Int32 {
    /// `ZMQ_SNDHWM`: messages queued per peer before sends block or drop (libzmq default 1000).
    public static var sendHighWaterMark: Self { .init(ZMQ_SNDHWM, "ZMQ_SNDHWM", .int32) }
    /// `ZMQ_RCVHWM`: messages queued per peer on the receive side (libzmq default 1000).
    public static var receiveHighWaterMark: Self { .init(ZMQ_RCVHWM, "ZMQ_RCVHWM", .int32) }
    /// `ZMQ_LINGER`: how long unsent messages outlive ``Socket/close()``, ms; the binding sets
    /// ``Context/defaultLingerMilliseconds`` (100) on every new socket.
    public static var linger: Self { .init(ZMQ_LINGER, "ZMQ_LINGER", .int32) }
    /// `ZMQ_HEARTBEAT_IVL`: send a ZMTP PING this often, ms (0: off).
    public static var heartbeatInterval: Self { .init(ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL", .int32) }
    /// `ZMQ_HEARTBEAT_TIMEOUT`: drop the connection when no traffic follows a PING for this long, ms.
    public static var heartbeatTimeout: Self { .init(ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT", .int32) }
    /// `ZMQ_HEARTBEAT_TTL`: tell the peer to drop the connection after this long without traffic,
    /// ms (rounded down to 100 ms steps).
    public static var heartbeatTTL: Self { .init(ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL", .int32) }
    /// `ZMQ_RECONNECT_IVL`: first wait before reconnecting, ms (-1: never reconnect).
    public static var reconnectInterval: Self { .init(ZMQ_RECONNECT_IVL, "ZMQ_RECONNECT_IVL", .int32) }
    /// `ZMQ_RECONNECT_IVL_MAX`: upper bound of the doubling reconnect wait, ms (0: no doubling).
    public static var reconnectIntervalMax: Self {
        .init(ZMQ_RECONNECT_IVL_MAX, "ZMQ_RECONNECT_IVL_MAX", .int32)
    }
    /// `ZMQ_CONNECT_TIMEOUT`: give up a TCP connect that has not completed after this long, ms,
    /// and retry after the reconnect interval (0: the kernel's SYN retries, up to ~2 minutes).
    public static var connectTimeout: Self { .init(ZMQ_CONNECT_TIMEOUT, "ZMQ_CONNECT_TIMEOUT", .int32) }
    /// `ZMQ_SNDTIMEO`: a blocking send gives up (returns `false`) after this long, ms (-1: never).
    public static var sendTimeout: Self { .init(ZMQ_SNDTIMEO, "ZMQ_SNDTIMEO", .int32) }
    /// `ZMQ_RCVTIMEO`: a blocking receive gives up (returns `nil`) after this long, ms (-1: never).
    public static var receiveTimeout: Self { .init(ZMQ_RCVTIMEO, "ZMQ_RCVTIMEO", .int32) }
    /// `ZMQ_MECHANISM` (read-only): 0 NULL, 1 PLAIN, 2 CURVE.
    public static var mechanism: Self { .init(ZMQ_MECHANISM, "ZMQ_MECHANISM", .int32) }
}

extension SocketOption where Value == Int64 {
    /// `ZMQ_MAXMSGSIZE`: peers sending a larger message are disconnected, bytes (-1: no limit).
    public static var maxMessageSize: Self { .init(ZMQ_MAXMSGSIZE, "ZMQ_MAXMSGSIZE", .int64) }
}

extension SocketOption where Value == Bool {
    /// `ZMQ_IMMEDIATE`: queue messages only to completed connections (no queueing while connecting).
    public static var immediate: Self { .init(ZMQ_IMMEDIATE, "ZMQ_IMMEDIATE", .bool) }
    /// `ZMQ_ROUTER_MANDATORY` (ROUTER, write-only): sending to an unknown routing id throws
    /// `EHOSTUNREACH` instead of silently dropping; a full peer gives "would block".
    public static var routerMandatory: Self { .init(ZMQ_ROUTER_MANDATORY, "ZMQ_ROUTER_MANDATORY", .bool) }
    /// `ZMQ_ROUTER_HANDOVER` (ROUTER, write-only): a new connection with a routing id already in
    /// use takes it over (a restarted peer replaces its half-dead old connection).
    public static var routerHandover: Self { .init(ZMQ_ROUTER_HANDOVER, "ZMQ_ROUTER_HANDOVER", .bool) }
    /// `ZMQ_XPUB_NODROP` (XPUB/PUB, write-only): at the high-water mark a send blocks, or returns
    /// `false` with `dontWait`, instead of dropping the message.
    public static var xpubNoDrop: Self { .init(ZMQ_XPUB_NODROP, "ZMQ_XPUB_NODROP", .bool) }
    /// `ZMQ_CURVE_SERVER`: this socket is the CURVE server side (needs ``curveSecretKey``).
    public static var curveServer: Self { .init(ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER", .bool) }
    /// `ZMQ_ZAP_ENFORCE_DOMAIN` (value 93, a draft constant that libzmq 4.3.4 accepts): refuse
    /// clients when no ZAP handler answers. Set it only together with a non-empty ``zapDomain``:
    /// with an empty domain libzmq 4.3.4 skips ZAP and admits every CURVE client.
    public static var zapEnforceDomain: Self { .init(93, "ZMQ_ZAP_ENFORCE_DOMAIN", .bool) }
    /// `ZMQ_RCVMORE` (read-only): the last frame received has more frames after it.
    public static var receiveMore: Self { .init(ZMQ_RCVMORE, "ZMQ_RCVMORE", .bool) }
}

extension SocketOption where Value == [UInt8] {
    /// `ZMQ_ROUTING_ID`: the identity a ROUTER peer sees for this socket (1–255 bytes, not
    /// starting with 0); set before connecting.
    public static var routingId: Self { .init(ZMQ_ROUTING_ID, "ZMQ_ROUTING_ID", .bytes) }
    /// `ZMQ_SUBSCRIBE` (SUB/XSUB, write-only): add a prefix filter; empty = everything.
    public static var subscribe: Self { .init(ZMQ_SUBSCRIBE, "ZMQ_SUBSCRIBE", .bytes) }
    /// `ZMQ_UNSUBSCRIBE` (SUB/XSUB, write-only): remove one prefix filter.
    public static var unsubscribe: Self { .init(ZMQ_UNSUBSCRIBE, "ZMQ_UNSUBSCRIBE", .bytes) }
}

extension SocketOption where Value == String {
    /// `ZMQ_ZAP_DOMAIN`: the domain sent to the ZAP handler with each authentication request.
    public static var zapDomain: Self { .init(ZMQ_ZAP_DOMAIN, "ZMQ_ZAP_DOMAIN", .string) }
    /// `ZMQ_LAST_ENDPOINT` (read-only): see ``Socket/lastEndpoint``.
    public static var lastEndpoint: Self { .init(ZMQ_LAST_ENDPOINT, "ZMQ_LAST_ENDPOINT", .string) }
}

extension SocketOption where Value == CurveKey {
    /// `ZMQ_CURVE_SERVERKEY` (client): the server's public key.
    public static var curveServerKey: Self { .init(ZMQ_CURVE_SERVERKEY, "ZMQ_CURVE_SERVERKEY", .curveKey) }
    /// `ZMQ_CURVE_PUBLICKEY`: this socket's long-term public key (clients).
    public static var curvePublicKey: Self { .init(ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY", .curveKey) }
    /// `ZMQ_CURVE_SECRETKEY`: this socket's long-term secret key (clients and servers).
    public static var curveSecretKey: Self { .init(ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY", .curveKey) }
}

extension SocketOption where Value == PollEvents {
    /// `ZMQ_EVENTS` (read-only): whether a message can be received/sent now.
    public static var events: Self { .init(ZMQ_EVENTS, "ZMQ_EVENTS", .events) }
}
