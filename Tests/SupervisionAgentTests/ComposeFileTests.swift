import Foundation
import SupervisionAgent
import SupervisionBus
import Testing

/// Compose/compose.yaml against the agent's configuration schema: services, ports, volumes.
@Suite("Compose file")
struct ComposeFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let departments = [
        "market", "fire", "culture", "education", "pudong-market", "pudong-fire", "minhang-market", "minhang-fire",
    ]

    @Test("Every agent service has a valid configuration, its port, its data volume and the shared sockets")
    func agentsMatchSchema() throws {
        let compose = Self.root.appendingPathComponent("Compose")
        let yaml = MiniYAML.parse(
            try String(contentsOf: compose.appendingPathComponent("compose.yaml"), encoding: .utf8))
        let services = try #require(yaml["services"]).map
        let declaredVolumes = Set((yaml["volumes"]?.map ?? [:]).keys)
        #expect(Set(services.keys) == Set(Self.departments + ["coordinator", "keys"]))

        for department in Self.departments {
            let service = try #require(services[department])
            let mounts = (service["volumes"]?.list ?? []).map { $0.split(separator: ":").map(String.init) }
            let configMount = try #require(
                mounts.first { $0.count >= 2 && $0[1] == "/etc/jointsupervision/agent.json" })
            let configPath = compose.appendingPathComponent(configMount[0]).standardizedFileURL.path
            let node = try NodeConfiguration.load(from: configPath)
            let settings = try AgentSettings.load(from: configPath)
            #expect(node.department == department)
            #expect(settings.policy == "auto")
            #expect(service["environment"]?["JS_DEPARTMENT"]?.scalar == department)
            // Everything the configuration names lives in a mounted volume.
            func isMounted(_ path: String) -> Bool {
                mounts.contains { $0.count >= 2 && (path == $0[1] || path.hasPrefix($0[1] + "/")) }
            }
            #expect(isMounted(node.dataDirectory))
            #expect(isMounted(node.keysDirectory) && isMounted(node.anchorFile) && isMounted(node.membershipFile))
            let control = String(node.resolvedControlEndpoint.dropFirst("ipc://".count))
            #expect(isMounted(control))
            for mount in mounts where !mount[0].hasPrefix(".") { #expect(declaredVolumes.contains(mount[0])) }
            // The bus port the agent binds is the container port published.
            let busPort = try #require(node.busEndpoint?.split(separator: ":").last.map(String.init))
            #expect((service["ports"]?.list ?? []).contains(where: { $0.hasSuffix(":\(busPort)") }))
            #expect(service["depends_on"]?["keys"] != nil)
        }
        let coordinator = try #require(services["coordinator"])
        #expect((coordinator["volumes"]?.list ?? []).contains("control:/run/jointsupervision"))
        #expect(coordinator["environment"]?["JS_CONTROL"]?.scalar?.hasPrefix("ipc:///run/jointsupervision/") == true)
    }
}
