extension HeadEntry {
    /// Checks a valid origin and a zero hash when ``seq`` is 0.
    public func validate() throws(ProtocolError) {
        try checkDepartment(origin, "origin")
        if seq == 0, !hash.isZero { throw .invalid("hash", "must be 32 zero bytes when seq is 0") }
    }

    init(wire: Jointsupervision_V1_HeadEntry) throws(ProtocolError) {
        self.init(origin: wire.origin, seq: wire.seq, hash: try Hash256.field(wire.hash, "hash"))
        try validate()
    }

    var wire: Jointsupervision_V1_HeadEntry {
        var wire = Jointsupervision_V1_HeadEntry()
        wire.origin = origin
        wire.seq = seq
        wire.hash = hash.data
        return wire
    }

    /// Converts a version vector, checking each entry and that no origin appears twice.
    static func vector(_ wire: [Jointsupervision_V1_HeadEntry], field: String) throws(ProtocolError) -> [HeadEntry] {
        var entries = [HeadEntry]()
        entries.reserveCapacity(wire.count)
        var origins = Set<String>(minimumCapacity: wire.count)
        for (index, entry) in wire.enumerated() {
            do {
                entries.append(try HeadEntry(wire: entry))
            } catch {
                throw error.prefixed("\(field)[\(index)]")
            }
            guard origins.insert(entry.origin).inserted else {
                throw .invalid("\(field)[\(index)].origin", "appears twice")
            }
        }
        return entries
    }
}
