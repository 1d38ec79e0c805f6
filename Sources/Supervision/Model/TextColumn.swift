/// Many strings stored as one UTF-8 byte buffer plus end offsets: two allocations for a
/// column of millions of names instead of millions of allocations.
struct TextColumn: Sendable, Hashable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [UInt32] = []

    init() {}

    init(reservingCount count: Int, bytes byteCount: Int) {
        bytes.reserveCapacity(byteCount)
        ends.reserveCapacity(count)
    }

    var count: Int { ends.count }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(UInt32(bytes.count))
    }

    /// Appends the concatenation of byte pieces as one string.
    mutating func append(pieces: [UInt8]...) {
        for p in pieces { bytes.append(contentsOf: p) }
        ends.append(UInt32(bytes.count))
    }

    mutating func appendBytes(_ piece: [UInt8]) { bytes.append(contentsOf: piece) }
    mutating func appendDecimal(_ value: Int) {
        if value >= 10 { appendDecimal(value / 10) }
        bytes.append(UInt8(48 + value % 10))
    }
    mutating func endString() { ends.append(UInt32(bytes.count)) }

    subscript(index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index])
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func permuted(by order: [Int32]) -> TextColumn {
        var out = TextColumn(reservingCount: count, bytes: bytes.count)
        for i in order {
            let start = i == 0 ? 0 : Int(ends[Int(i) - 1])
            out.bytes.append(contentsOf: bytes[start..<Int(ends[Int(i)])])
            out.ends.append(UInt32(out.bytes.count))
        }
        return out
    }
}
