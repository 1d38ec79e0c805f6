import Supervision
import SupervisionBus
import SupervisionProtocol

/// The categories of event content for data rights (部门数据职责清单), as
/// Protocols/spec/2-JSC.md ("Categories") defines them for every implementation:
///
/// - a finding falls in its `category` field; when that is empty (findings recorded before
///   catalogs had versions), in its item's category in the catalog its `catalog_version` names
///   (or the catalog in force when it names none or one not held);
/// - a referral falls in its `category` field;
/// - other kinds have no category.
///
/// Content that cannot be read falls in ``unreadable``, which only `"*"` rights receive.
public enum ContentCategories {
    /// The category of content that does not decode or names an unknown item.
    public static let unreadable = "unreadable"

    /// The categorizer over the bundled catalog (for tools without an agent, e.g. audits).
    public static func categorizer() throws -> EventCategorizer {
        let catalog = try BundledData.catalog()
        return { event in category(of: event) { _ in catalog } }
    }

    /// The category of `event`'s content, or `nil` for kinds without categories; `catalog` gives
    /// the catalog of a version (`nil`: the finding names none).
    public static func category(of event: EventEnvelope, catalog: (Int?) -> Catalog) -> String? {
        switch event.kind {
        case .finding:
            guard let finding = try? FindingPayload(event: event) else { return unreadable }
            if !finding.category.isEmpty { return finding.category }
            let version = finding.catalogVersion == 0 ? nil : Int(exactly: finding.catalogVersion)
            guard let item = try? ChecklistItemID(finding.itemId), let category = catalog(version).category(of: item)
            else { return unreadable }
            return category.rawValue
        case .referral:
            guard let referral = try? ReferralPayload(event: event), !referral.category.isEmpty else {
                return unreadable
            }
            return referral.category
        default:
            return nil
        }
    }
}
