import Supervision
import SupervisionProtocol
import Synchronization

/// The catalogs an agent holds: the bundled one, the one of its `catalogFile`, and every signed
/// version adopted from the bus. The newest is in force for new work; older ones stay, so plans,
/// draws and findings made under them can still be read.
///
/// Shared by the agent (which adopts versions) and its node's categorizer (which reads them).
public final class CatalogShelf: Sendable {
    private struct Held {
        var catalogs: [Int: Catalog]
        var signed: [Int: SignedCatalog] = [:]
        var current: Catalog
    }

    private let held: Mutex<Held>

    /// A shelf holding `catalog` (in force).
    public init(_ catalog: Catalog, signed: SignedCatalog? = nil) {
        var held = Held(catalogs: [catalog.version: catalog], current: catalog)
        if let signed { held.signed[catalog.version] = signed }
        self.held = Mutex(held)
    }

    /// A shelf holding the bundled catalog.
    public static func bundled() throws -> CatalogShelf { CatalogShelf(try BundledData.catalog()) }

    /// The catalog in force: the newest held.
    public var current: Catalog { held.withLock { $0.current } }

    /// The signed form of the catalog in force (`nil` for the bundled one).
    public var currentSigned: SignedCatalog? { held.withLock { $0.signed[$0.current.version] } }

    /// The catalog of `version`, if held.
    public func catalog(version: Int) -> Catalog? { held.withLock { $0.catalogs[version] } }

    /// Every version held, ascending.
    public var versions: [Int] { held.withLock { $0.catalogs.keys.sorted() } }

    /// Adds a verified catalog; returns whether it is newer than the one in force (and now in force).
    @discardableResult
    public func add(_ catalog: Catalog, signed: SignedCatalog?) -> Bool {
        held.withLock { held in
            if held.catalogs[catalog.version] == nil { held.catalogs[catalog.version] = catalog }
            if let signed, held.signed[catalog.version] == nil { held.signed[catalog.version] = signed }
            guard catalog.version > held.current.version else { return false }
            held.current = catalog
            return true
        }
    }

    /// The category of `event`'s content for data rights (``ContentCategories``).
    public func category(of event: EventEnvelope) -> String? {
        ContentCategories.category(of: event) { version in
            self.held.withLock { held in
                version.flatMap { held.catalogs[$0] } ?? held.current
            }
        }
    }
}
