/// The kinds of fault a run injects, counted in its report.
public enum SimFault: String, Sendable, CaseIterable, Codable {
    case crash, partition, oneWayCut, backup, restore, loseStore, diskFull, twin
    case rightsChange, memberAdded, memberRemoved
    case loss, duplication, delay, clockSkew
}

/// An invariant the simulator checks after healing.
public enum SimInvariant: String, Sendable, CaseIterable, Codable {
    /// Every acknowledged append is held by every node with the same hash (unless it was lost
    /// with the only store that held it: a restore or a lost disk before it was replicated).
    case noAcknowledgedLoss = "no acknowledged event lost or changed"
    /// Every node holds the same heads (origins with evidence of equivocation aside).
    case convergence = "all nodes converge to the same heads"
    /// Every stored event verifies: its chain, payload hash and signed checkpoint (store audit).
    case onlyValidEvents = "no invalid event stored"
    /// No node holds withheld a payload its data rights entitle it to.
    case noPermanentStub = "every entitled payload held in full"
    /// Nodes with the same data rights hold the same content digest of every other origin's
    /// log and fold the same supervision state (the agents' ``SupervisionState/digest``).
    case sameRightsSameDigest = "same rights, same state digest"
    /// Every node whose copy of an origin's log conflicts with another's holds the evidence.
    case equivocationDetected = "every equivocation detected by every node that saw both"
    /// An origin never signs a seq that another node already holds with another hash (but for
    /// a second live process with its keys, which must then be detected).
    case neverAppendsPastUnrecoveredHead = "an origin never appends past a head it has not recovered"
    /// Every node recovers its own log and can append again after healing (but for a twin's victim).
    case recovers = "every node recovers its own log"
}
