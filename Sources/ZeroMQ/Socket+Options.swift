import CZeroMQ

extension Socket {
    /// Sets a socket option (`zmq_setsockopt`).
    ///
    /// ```swift
    /// try socket.set(.sendHighWaterMark, 10_000)
    /// try socket.set(.curveServer, true)
    /// ```
    public func set<Value>(_ option: SocketOption<Value>, _ value: Value) throws {
        let handle = try open("zmq_setsockopt(\(option.name))")
        let rc: Int32
        switch option.kind {
        case .int32:
            var raw = value as! Int32
            rc = zmq_setsockopt(handle, option.code, &raw, MemoryLayout<Int32>.size)
        case .bool:
            var raw: Int32 = (value as! Bool) ? 1 : 0
            rc = zmq_setsockopt(handle, option.code, &raw, MemoryLayout<Int32>.size)
        case .int64:
            var raw = value as! Int64
            rc = zmq_setsockopt(handle, option.code, &raw, MemoryLayout<Int64>.size)
        case .bytes:
            rc = (value as! [UInt8]).withUnsafeBytes {
                zmq_setsockopt(handle, option.code, $0.baseAddress, $0.count)
            }
        case .string:
            let text = value as! String
            rc = text.withCString { zmq_setsockopt(handle, option.code, $0, text.utf8.count) }
        case .curveKey:
            rc = (value as! CurveKey).bytes.withUnsafeBytes {
                zmq_setsockopt(handle, option.code, $0.baseAddress, $0.count)
            }
        case .events:
            rc = -1
            zmq_setsockopt(handle, option.code, nil, 0)  // read-only: sets EINVAL
        }
        if rc != 0 { throw ZMQError.last("zmq_setsockopt(\(option.name))") }
    }

    /// Reads a socket option (`zmq_getsockopt`).
    public func get<Value>(_ option: SocketOption<Value>) throws -> Value {
        let handle = try open("zmq_getsockopt(\(option.name))")
        func fail() -> ZMQError { ZMQError.last("zmq_getsockopt(\(option.name))") }
        switch option.kind {
        case .int32, .bool, .events:
            var raw: Int32 = 0
            var size = MemoryLayout<Int32>.size
            guard zmq_getsockopt(handle, option.code, &raw, &size) == 0 else { throw fail() }
            switch option.kind {
            case .bool: return (raw != 0) as! Value
            case .events: return PollEvents(rawValue: Int16(truncatingIfNeeded: raw)) as! Value
            default: return raw as! Value
            }
        case .int64:
            var raw: Int64 = 0
            var size = MemoryLayout<Int64>.size
            guard zmq_getsockopt(handle, option.code, &raw, &size) == 0 else { throw fail() }
            return raw as! Value
        case .bytes, .string, .curveKey:
            // Routing ids are at most 255 bytes; endpoints fit easily; CURVE keys come back as
            // 32 raw bytes when the buffer is 32 bytes long.
            var size = option.kind == .curveKey ? 32 : 1024
            var buffer = [UInt8](repeating: 0, count: size)
            guard zmq_getsockopt(handle, option.code, &buffer, &size) == 0 else { throw fail() }
            buffer.removeSubrange(size...)
            switch option.kind {
            case .bytes: return buffer as! Value
            case .curveKey: return try CurveKey(bytes: buffer) as! Value
            default:
                if buffer.last == 0 { buffer.removeLast() }  // the C string's NUL
                return String(decoding: buffer, as: UTF8.self) as! Value
            }
        }
    }
}
