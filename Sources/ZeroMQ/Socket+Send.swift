import CZeroMQ

extension Socket {
    /// Sends a multipart message atomically: all frames or none reach the peer.
    ///
    /// - Parameters:
    ///   - frames: one or more frames; empty frames are allowed (ROUTER envelopes need them).
    ///   - dontWait: `true` never blocks: if the message cannot be queued now (high-water mark
    ///     reached, no peer yet, `xpubNoDrop` full) the method returns `false` and sends nothing.
    /// - Returns: `true` when queued; `false` when it would block (or `sendTimeout` expired).
    /// - Throws: ``ZMQError`` for real failures, e.g. `EHOSTUNREACH` from a ROUTER with
    ///   ``SocketOption/routerMandatory`` set, `EFSM` from a REQ in the wrong state.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws -> Bool {
        let handle = try open("zmq_send(\(type))")
        guard let last = frames.indices.last else {
            throw ZMQError(operation: "zmq_send(\(type)): no frames", errno: EINVAL)
        }
        for index in frames.indices {
            let more = index != last
            // Only the first frame may be refused: once it is queued, libzmq takes the rest of
            // the message without blocking, so the later frames are sent in blocking mode.
            let sent = try frames[index].withUnsafeBytes { bytes in
                try Self.sendFrame(handle, bytes, more: more, dontWait: dontWait && index == 0, type)
            }
            if !sent { return false }
        }
        return true
    }

    /// Sends the frames of `message` (its properties are receive-side only and are ignored).
    @discardableResult
    public func send(_ message: Message, dontWait: Bool = false) throws -> Bool {
        try send(message.frames, dontWait: dontWait)
    }

    /// Sends one frame; `more: true` announces that further frames of the same message follow.
    ///
    /// Lower level than ``send(_:dontWait:)``: when the first frame of a message was accepted,
    /// send the rest of it (the last with `more: false`) before anything else.
    /// - Returns: `false` when `dontWait` is set and the frame cannot be queued now.
    @discardableResult
    public func send(frame: [UInt8], more: Bool = false, dontWait: Bool = false) throws -> Bool {
        let handle = try open("zmq_send(\(type))")
        return try frame.withUnsafeBytes { bytes in
            try Self.sendFrame(handle, bytes, more: more, dontWait: dontWait, type)
        }
    }

    /// Sends one frame from raw memory (copied once into libzmq's message), as ``send(frame:more:dontWait:)``.
    @discardableResult
    public func send(bytes: UnsafeRawBufferPointer, more: Bool = false, dontWait: Bool = false) throws -> Bool {
        let handle = try open("zmq_send(\(type))")
        return try Self.sendFrame(handle, bytes, more: more, dontWait: dontWait, type)
    }

    @inline(__always)
    static func sendFrame(
        _ handle: UnsafeMutableRawPointer, _ bytes: UnsafeRawBufferPointer,
        more: Bool, dontWait: Bool, _ type: SocketType
    ) throws -> Bool {
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        while true {
            // zmq_send copies the bytes into a zmq_msg_t (inline for <= 33 bytes, one
            // allocation otherwise): the same work as zmq_msg_init_size + memcpy + zmq_msg_send.
            if zmq_send(handle, bytes.baseAddress, bytes.count, flags) >= 0 { return true }
            let code = zmq_errno()
            if code == EINTR { continue }
            // Non-blocking and not queueable now; in blocking mode: ZMQ_SNDTIMEO expired.
            if code == EAGAIN { return false }
            throw ZMQError(operation: "zmq_send(\(type))", errno: code)
        }
    }
}
