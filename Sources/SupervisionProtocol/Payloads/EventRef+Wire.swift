extension EventRef {
    init(wire: Jointsupervision_V1_EventRef, field: String) throws(ProtocolError) {
        do throws(ProtocolError) {
            try checkDepartment(wire.origin, "origin")
            guard wire.seq >= 1 else { throw ProtocolError.invalid("seq", "must be at least 1") }
        } catch {
            throw error.prefixed(field)
        }
        self.init(origin: wire.origin, seq: wire.seq)
    }

    /// An optional reference: `nil` when the field is not set.
    static func optional(_ wire: Jointsupervision_V1_EventRef, has: Bool, field: String) throws(ProtocolError)
        -> EventRef?
    {
        has ? try EventRef(wire: wire, field: field) : nil
    }

    var wire: Jointsupervision_V1_EventRef {
        var wire = Jointsupervision_V1_EventRef()
        wire.origin = origin
        wire.seq = seq
        return wire
    }
}
