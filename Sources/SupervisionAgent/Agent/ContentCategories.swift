import Supervision
import SupervisionBus
import SupervisionProtocol

/// The categories of event content for data rights (部门数据职责清单): a finding falls in its
/// checklist item's category, a referral in its own category; other kinds have none.
/// Content that cannot be read falls in ``unreadable``, which only `"*"` rights receive.
public enum ContentCategories {
    /// The category of content that does not decode or names an unknown item.
    public static let unreadable = "unreadable"

    /// The categorizer over the bundled checklist catalog.
    public static func categorizer() throws -> EventCategorizer {
        let catalog = try BundledData.scenarioCatalog()
        return { event in category(of: event, catalog: catalog) }
    }

    /// The category of `event`'s content, or `nil` for kinds without categories.
    public static func category(of event: EventEnvelope, catalog: ScenarioCatalog) -> String? {
        switch event.kind {
        case .finding:
            guard let finding = try? FindingPayload(event: event), let item = try? ChecklistItemID(finding.itemId),
                let entry = catalog.item(item)
            else { return unreadable }
            return entry.category.rawValue
        case .referral:
            return (try? ReferralPayload(event: event))?.category ?? unreadable
        default:
            return nil
        }
    }
}
