import ArgumentParser

@main
struct BusSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus-sim",
        abstract: "Simulate the whole bus in one process: seeded fault runs, or cost per agent at scale.",
        discussion: """
            `bus-sim run` (the default: `bus-sim --seeds 20` is `bus-sim run --seeds 20`) runs \
            seeds under faults and checks the invariants; `bus-sim scale` runs hundreds of agents \
            in a city-shaped membership and prints what each costs as N grows.
            """,
        subcommands: [RunCommand.self, ScaleCommand.self], defaultSubcommand: RunCommand.self)
}
