import CZeroMQ

extension Socket {
    /// Receives one whole multipart message, every frame at its full size (`zmq_msg_recv`).
    ///
    /// - Parameter dontWait: `true` returns `nil` at once when no message is ready.
    /// - Returns: the message with its `User-Id` and `Peer-Address` properties; `nil` only with
    ///   `dontWait` (or after `receiveTimeout` expired).
    /// - Throws: ``ZMQError``; ``ZMQError/isContextTerminated`` after ``Context/shutdown()``.
    public func receive(dontWait: Bool = false) throws -> Message? {
        let handle = try open("zmq_msg_recv(\(type))")
        return try withUnsafeTemporaryAllocation(of: zmq_msg_t.self, capacity: 1) { buffer in
            let msg = buffer.baseAddress!
            zmq_msg_init(msg)
            defer { zmq_msg_close(msg) }
            guard try Self.receiveFrame(handle, msg, dontWait: dontWait, type) else { return nil }
            var message = Message(frames: [Self.copyFrame(msg)])
            message.userId = Self.property(msg, "User-Id" as StaticString)
            message.peerAddress = Self.property(msg, "Peer-Address" as StaticString)
            while zmq_msg_more(msg) != 0 {
                _ = try Self.receiveFrame(handle, msg, dontWait: false, type)
                message.frames.append(Self.copyFrame(msg))
                // A ROUTER's routing-id frame carries no metadata: the peer's frames do.
                if message.userId == nil { message.userId = Self.property(msg, "User-Id" as StaticString) }
                if message.peerAddress == nil {
                    message.peerAddress = Self.property(msg, "Peer-Address" as StaticString)
                }
            }
            return message
        }
    }

    /// Receives one whole multipart message into `message`, reusing its frames' storage: in a
    /// loop that keeps one `Message`, receiving allocates nothing once the buffers are big enough.
    ///
    /// Replaces `message`'s frames (extra old frames are removed) and properties.
    /// - Returns: `false` (and leaves `message` as it was) when `dontWait` and nothing is ready.
    public func receive(into message: inout Message, dontWait: Bool = false) throws -> Bool {
        let handle = try open("zmq_msg_recv(\(type))")
        return try withUnsafeTemporaryAllocation(of: zmq_msg_t.self, capacity: 1) { buffer in
            let msg = buffer.baseAddress!
            zmq_msg_init(msg)
            defer { zmq_msg_close(msg) }
            guard try Self.receiveFrame(handle, msg, dontWait: dontWait, type) else { return false }
            message.userId = Self.property(msg, "User-Id" as StaticString)
            message.peerAddress = Self.property(msg, "Peer-Address" as StaticString)
            var index = 0
            while true {
                let bytes = UnsafeRawBufferPointer(start: zmq_msg_data(msg), count: zmq_msg_size(msg))
                if index < message.frames.count {
                    message.frames[index].removeAll(keepingCapacity: true)
                    message.frames[index].append(contentsOf: bytes)
                } else {
                    message.frames.append(Array(bytes))
                }
                index += 1
                if zmq_msg_more(msg) == 0 { break }
                _ = try Self.receiveFrame(handle, msg, dontWait: false, type)
                // A ROUTER's routing-id frame carries no metadata: the peer's frames do.
                if message.userId == nil { message.userId = Self.property(msg, "User-Id" as StaticString) }
                if message.peerAddress == nil {
                    message.peerAddress = Self.property(msg, "Peer-Address" as StaticString)
                }
            }
            if message.frames.count > index { message.frames.removeLast(message.frames.count - index) }
            return true
        }
    }

    /// Waits at most `timeoutMilliseconds` for a message (`zmq_poll`, then ``receive(dontWait:)``).
    /// - Returns: `nil` when none arrived in time.
    public func receive(timeoutMilliseconds: Int) throws -> Message? {
        var poller = Poller()
        poller.add(self, events: .readable)
        guard try poller.poll(timeoutMilliseconds: timeoutMilliseconds)[0].contains(.readable) else {
            return nil
        }
        return try receive(dontWait: true)
    }

    /// Receives one multipart message without copying it: `body` sees each frame's bytes in
    /// place (valid only during the call) and whether more frames follow.
    ///
    /// Message properties are not read. - Returns: `false` when `dontWait` and nothing is ready.
    public func receiveFrames(
        dontWait: Bool = false, _ body: (_ frame: UnsafeRawBufferPointer, _ more: Bool) throws -> Void
    ) throws -> Bool {
        let handle = try open("zmq_msg_recv(\(type))")
        return try withUnsafeTemporaryAllocation(of: zmq_msg_t.self, capacity: 1) { buffer in
            let msg = buffer.baseAddress!
            zmq_msg_init(msg)
            defer { zmq_msg_close(msg) }
            guard try Self.receiveFrame(handle, msg, dontWait: dontWait, type) else { return false }
            while true {
                let more = zmq_msg_more(msg) != 0
                try body(UnsafeRawBufferPointer(start: zmq_msg_data(msg), count: zmq_msg_size(msg)), more)
                if !more { return true }
                _ = try Self.receiveFrame(handle, msg, dontWait: false, type)
            }
        }
    }

    @inline(__always)
    static func receiveFrame(
        _ handle: UnsafeMutableRawPointer, _ msg: UnsafeMutablePointer<zmq_msg_t>,
        dontWait: Bool, _ type: SocketType
    ) throws -> Bool {
        let flags = dontWait ? ZMQ_DONTWAIT : 0
        while true {
            if zmq_msg_recv(msg, handle, flags) >= 0 { return true }
            let code = zmq_errno()
            if code == EINTR { continue }
            if code == EAGAIN { return false }
            throw ZMQError(operation: "zmq_msg_recv(\(type))", errno: code)
        }
    }

    @inline(__always)
    static func copyFrame(_ msg: UnsafeMutablePointer<zmq_msg_t>) -> [UInt8] {
        let size = zmq_msg_size(msg)
        guard size > 0 else { return [] }
        // Array(UnsafeRawBufferPointer) is specialised for UInt8 here: one allocation and a
        // memcpy, about half the cost of Array(unsafeUninitializedCapacity:)'s generic path.
        return Array(UnsafeRawBufferPointer(start: zmq_msg_data(msg), count: size))
    }

    @inline(__always)
    static func property(_ msg: UnsafeMutablePointer<zmq_msg_t>, _ name: StaticString) -> String? {
        // A StaticString is NUL-terminated in the binary: no conversion per message.
        let cName = UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
        guard let value = zmq_msg_gets(msg, cName) else { return nil }
        return String(cString: value)
    }
}
