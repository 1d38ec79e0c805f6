import SupervisionProtocol

/// Counts deliveries per peer, kind and purpose until taken.
struct Meter {
    private struct Key: Hashable {
        var peer: String
        var kind: String
        var purpose: MeteringRecord.Purpose
    }
    private var counts: [Key: (delivered: UInt64, withheld: UInt64, bytes: UInt64)] = [:]

    mutating func record(_ events: [EventEnvelope], to peer: String, purpose: MeteringRecord.Purpose) {
        for event in events {
            let key = Key(peer: peer, kind: event.kind.rawValue, purpose: purpose)
            var count = counts[key] ?? (0, 0, 0)
            if event.isPayloadWithheld {
                count.withheld += 1
            } else {
                count.delivered += 1
                count.bytes += UInt64(event.payload.count)
            }
            counts[key] = count
        }
    }

    mutating func take() -> [MeteringRecord] {
        defer { counts = [:] }
        return counts.map {
            MeteringRecord(
                peer: $0.key.peer, kind: $0.key.kind, purpose: $0.key.purpose, delivered: $0.value.delivered,
                withheld: $0.value.withheld, bytes: $0.value.bytes)
        }
    }
}
