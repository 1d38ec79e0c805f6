import Foundation
import SwiftProtobuf

/// The syntax rules of identifiers and values shared by all messages (spec sections
/// "Terminology" and "Protocol grammar"; dates as in domain.proto's header).
public enum WireSyntax {
    /// Whether `id` is a department id: 1...32 characters of `[a-z0-9-]`.
    public static func isDepartmentID(_ id: String) -> Bool {
        var count = 0
        for byte in id.utf8 {
            count += 1
            guard count <= 32, isLowerAlnum(byte) || byte == UInt8(ascii: "-") else { return false }
        }
        return count > 0
    }

    /// Whether `kind` is an event kind: 1...64 characters of `[a-z0-9.-]`.
    public static func isEventKind(_ kind: String) -> Bool {
        var count = 0
        for byte in kind.utf8 {
            count += 1
            guard count <= 64,
                isLowerAlnum(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return false }
        }
        return count > 0
    }

    /// Whether `date` is empty or an ISO 8601 calendar date `YYYY-MM-DD` (month 01–12,
    /// day 01–31; the day is not checked against the month).
    public static func isDateOrEmpty(_ date: String) -> Bool {
        let bytes = Array(date.utf8)
        if bytes.isEmpty { return true }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return false
        }
        for index in [0, 1, 2, 3, 5, 6, 8, 9] where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            return false
        }
        let month = Int(bytes[5] - 48) * 10 + Int(bytes[6] - 48)
        let day = Int(bytes[8] - 48) * 10 + Int(bytes[9] - 48)
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

// Conversions from generated fields, throwing ProtocolError.invalidField with the field name.
extension Hash256 {
    /// A 32-byte field.
    static func field(_ data: Data, _ name: String) throws(ProtocolError) -> Hash256 {
        guard let hash = data.withUnsafeBytes({ Hash256($0) }) else {
            throw .invalid(name, "must be 32 bytes, is \(data.count)")
        }
        return hash
    }

    /// A 32-byte field that may also be empty ("not set").
    static func optionalField(_ data: Data, _ name: String) throws(ProtocolError) -> Hash256? {
        data.isEmpty ? nil : try field(data, name)
    }

    /// The bytes as `Data`, for a generated message.
    var data: Data { withUnsafeBytes { Data($0) } }
}

func checkDepartment(_ id: String, _ name: String) throws(ProtocolError) {
    guard WireSyntax.isDepartmentID(id) else {
        throw .invalid(name, id.isEmpty ? "must not be empty" : "is not a department id ([a-z0-9-]{1,32})")
    }
}

func checkDepartmentOrEmpty(_ id: String, _ name: String) throws(ProtocolError) {
    if !id.isEmpty { try checkDepartment(id, name) }
}

func checkDate(_ date: String, _ name: String) throws(ProtocolError) {
    guard WireSyntax.isDateOrEmpty(date) else { throw .invalid(name, "is not a date YYYY-MM-DD") }
}

/// Decodes a generated message from bytes, mapping SwiftProtobuf's errors to `.malformed`.
func decodeWire<M: SwiftProtobuf.Message>(_: M.Type, _ bytes: [UInt8], what: String) throws(ProtocolError) -> M {
    do {
        return try M(serializedBytes: bytes)
    } catch {
        throw ProtocolError(.malformed, "\(what) is not decodable protobuf (\(error))")
    }
}

/// Encodes a generated message (never fails for messages built by this module).
func encodeWire(_ message: some SwiftProtobuf.Message) -> [UInt8] {
    do {
        return try message.serializedBytes()
    } catch {
        preconditionFailure("encoding a generated message failed: \(error)")
    }
}
