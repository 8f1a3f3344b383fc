import ArgumentParser

/// `swifthouse`: one executable with subcommands, like ClickHouse's single binary.
@main
struct SwiftHouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swifthouse",
        abstract: "A ClickHouse-compatible database whose headline job is BACKUP and RESTORE.",
        subcommands: [LocalCommand.self, ServerCommand.self, BackupCommand.self],
        defaultSubcommand: LocalCommand.self)
}
