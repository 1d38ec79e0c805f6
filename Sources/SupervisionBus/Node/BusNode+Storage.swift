import Foundation
import Logging
import Synchronization

extension BusNode {
    /// How often a node whose store cannot write tries a write again, in milliseconds.
    static let storeProbeIntervalMs: Int64 = 1000

    /// Throws ``BusError`` `.storeFull` while the store cannot write (the disk is full).
    func refuseWhileStoreFull() throws {
        guard let reason = store.writeFailure else { return }
        throw BusError(
            .storeFull,
            "\(reason): \(configuration.department) refuses appends until space returns; nothing was appended (reads and replication go on)"
        )
    }

    /// While the store cannot write, tries a write once per ``storeProbeIntervalMs``; logs when
    /// the store stops and starts writing again.
    func watchStore(nowMs: Int64) {
        var failure = store.writeFailure
        let probe = shared.withLock { state -> Bool in
            guard failure != nil, nowMs - state.lastStoreProbeMs >= Self.storeProbeIntervalMs else { return false }
            state.lastStoreProbeMs = nowMs
            return true
        }
        if probe {
            try? store.probeWrite()
            failure = store.writeFailure
        }
        let previous = shared.withLock { state -> String? in
            defer { state.reportedStoreFailure = failure }
            return state.reportedStoreFailure
        }
        if let failure, previous == nil {
            logger.error(
                "store cannot write: not ready, appends refused until space returns",
                metadata: ["reason": "\(failure)", "store.path": "\(store.path)"])
        } else if failure == nil, previous != nil {
            logger.info("store writes again: ready", metadata: ["store.path": "\(store.path)"])
        }
    }

    /// Why the node is not ready, or nil when it is.
    func notReadyReason(serving: Bool, ownLog: OwnLogState) -> String? {
        guard serving else { return "starting" }
        if let failure = store.writeFailure {
            return "store cannot write: \(failure); appends are refused until space returns"
        }
        return ownLog.allowsAppends ? nil : "own log \(ownLog.summary)"
    }
}
