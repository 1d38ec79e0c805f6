import Foundation

extension Hello {
    init(wire: Jointsupervision_V1_Hello) throws(ProtocolError) {
        try checkDepartment(wire.department, "department")
        guard wire.protocolVersion >= 1 else { throw .invalid("protocol_version", "must be at least 1") }
        self.init(
            department: wire.department, agent: wire.agent, protocolVersion: wire.protocolVersion,
            heads: try HeadEntry.vector(wire.heads, field: "heads"))
    }

    var wire: Jointsupervision_V1_Hello {
        var wire = Jointsupervision_V1_Hello()
        wire.department = department
        wire.agent = agent
        wire.protocolVersion = protocolVersion
        wire.heads = heads.map(\.wire)
        return wire
    }
}

extension Head {
    init(wire: Jointsupervision_V1_Head) throws(ProtocolError) {
        guard wire.digest.isEmpty || wire.digest.count == 16 else {
            throw .invalid("digest", "must be empty or 16 bytes, got \(wire.digest.count)")
        }
        self.init(
            entries: try HeadEntry.vector(wire.entries, field: "entries"), delta: wire.delta,
            digest: Array(wire.digest), wantFull: wire.wantFull, nextWithinMs: wire.nextWithinMs)
    }

    var wire: Jointsupervision_V1_Head {
        var wire = Jointsupervision_V1_Head()
        wire.entries = entries.map(\.wire)
        wire.delta = delta
        wire.digest = Data(digest)
        wire.wantFull = wantFull
        wire.nextWithinMs = nextWithinMs
        return wire
    }
}
