import ArgumentParser
import Foundation
import SupervisionBus

/// Output shared by the commands that work on local files (keys, membership).
enum Output {
    /// Prints `value` as pretty JSON with sorted keys and ISO 8601 instants.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `value` as one line of JSON with sorted keys, for pasting and for scripts.
    static func compactJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A membership entry as JSON to paste into a draft: one field per line, in reading order.
    static func entryJSON(_ member: Membership.Member) throws -> String {
        let fields: [(String, any Encodable)] = [
            ("id", member.id), ("name", member.name), ("busEndpoint", member.busEndpoint),
            ("curveKey", member.curveKey), ("signingKeys", member.signingKeys), ("roles", member.roles),
            ("receives", member.receives),
        ]
        return "{\n" + (try fields.map { "  \"\($0.0)\": \(try compactJSON($0.1))" }).joined(separator: ",\n") + "\n}"
    }

    /// Prints `jointctl: message` on standard error and returns the exit code to throw.
    static func fail(_ message: String, _ code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("jointctl: \(message)\n".utf8))
        return ExitCode(code)
    }

    /// The message of an error: a ``BusError``'s sentence, or the error's description.
    static func message(_ error: any Error) -> String {
        (error as? BusError)?.message ?? "\(error)"
    }

    /// The authority's signing key from its directory, or exit 66 (cannot be read) saying why.
    static func authorityKey(at directory: String) throws -> AuthorityKey {
        do {
            return try AuthorityKey.load(from: directory)
        } catch {
            throw fail(message(error), ExitStatus.noInput)
        }
    }
}

/// Exit codes of the commands on local files (sysexits.h).
enum ExitStatus {
    /// A verification failed (signature, expiry, authority).
    static let verificationFailed: Int32 = 1
    /// The input is not what it should be (draft, signed document).
    static let dataError: Int32 = 65
    /// An input file or directory cannot be read.
    static let noInput: Int32 = 66
    /// An output cannot be created (keys exist already, directory not writable).
    static let cannotCreate: Int32 = 73
}
