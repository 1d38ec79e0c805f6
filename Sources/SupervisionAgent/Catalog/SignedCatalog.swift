import Foundation
import Supervision
import SupervisionBus

/// A catalog as the configuration authority signed it (format `JSCD1`): the envelope of
/// ``SupervisionBus/SignedDocument`` around the catalog document's JSON
/// (Protocols/spec/2-JSC.md).
public struct SignedCatalog: Sendable, Hashable {
    /// The format tag, `"JSCD1"`.
    public static let format = "JSCD1"
    /// The signed envelope.
    public let envelope: SignedDocument

    /// Wraps an envelope of format ``format``.
    public init(envelope: SignedDocument) { self.envelope = envelope }

    /// Signs `catalog` with the authority's key.
    public static func sign(_ catalog: Catalog, with key: AuthorityKey) throws -> SignedCatalog {
        SignedCatalog(envelope: try SignedDocument.sign(catalog.encoded(), format: format, with: key))
    }

    /// Parses a signed file's bytes (does not verify).
    public static func parse(_ bytes: [UInt8]) throws -> SignedCatalog {
        SignedCatalog(
            envelope: try SignedDocument.parse(bytes, format: format, what: "catalog", code: .invalidConfiguration))
    }

    /// Reads and parses a signed file.
    public static func load(from path: String) throws -> SignedCatalog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentError(.invalidData, "cannot read catalog file \(path)")
        }
        do {
            return try parse(Array(data))
        } catch let error as BusError {
            throw AgentError(.invalidData, "catalog file \(path): \(error.message)")
        }
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] { envelope.serialized() }

    /// Verifies the signature against `anchor`, then decodes and validates the catalog.
    public func check(anchor: TrustAnchor) -> Result<Catalog, MembershipRefusal> {
        envelope.checkSignature(anchor: anchor).flatMap { body in
            do {
                return .success(try Catalog.decode(body))
            } catch let error as SupervisionError {
                return .failure(MembershipRefusal(.malformed, error.message))
            } catch {
                return .failure(MembershipRefusal(.malformed, "\(error)"))
            }
        }
    }

    /// Like ``check(anchor:)``, throwing an ``AgentError`` that names the failure.
    public func verify(anchor: TrustAnchor) throws -> Catalog {
        try check(anchor: anchor).mapError { AgentError(.invalidData, "catalog refused: \($0.message)") }.get()
    }
}
