import Foundation
import SupervisionBus
import SupervisionBusTesting

extension InProcessNode {
    /// Sends `command` to this node's agent and decodes its reply body; throws the refusal.
    func call<T: Decodable>(_ command: String, _ arguments: [String: String] = [:], as type: T.Type) async throws -> T {
        let reply = await request(ControlRequest(command: command, arguments: arguments))
        guard reply.ok, let body = reply.body else { throw Failure("\(command): \(reply.error ?? "no body")") }
        return try JSONDecoder().decode(T.self, from: Data(body.utf8))
    }
}
