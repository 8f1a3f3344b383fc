import Foundation
import SHColumns
import SHSQL
import Synchronization

/// Where a table is: its names, its data directory `data/<db>/<table>` and its definition.
struct TableLocation: Sendable {
    var database: String
    var name: String
    var directory: URL
    var createQuery: CreateTableQuery
}

/// What the Log family's tables share, behind one lock: where the table is, the recorded state of its files
/// (`Files`: sizes, marks), and its rows in memory.
final class AppendedRows<Files: Sendable>: Sendable {
    private struct State {
        var location: TableLocation
        var files: Files
        var chunks: [Chunk]
    }

    private let state: Mutex<State>

    init(location: TableLocation, files: Files, chunks: [Chunk]) {
        state = Mutex(State(location: location, files: files, chunks: chunks))
    }

    var location: TableLocation { state.withLock { $0.location } }
    var chunks: [Chunk] { state.withLock { $0.chunks } }
    /// The files' state and the rows they hold, at one moment.
    var current: (files: Files, chunks: [Chunk], directory: URL) {
        state.withLock { ($0.files, $0.chunks, $0.location.directory) }
    }

    /// Appends `chunks`: `write` appends them to a copy of the files' state in the table's directory; the state and
    /// the rows change only when it returns, so a failed INSERT leaves both as they were.
    func append(_ chunks: [Chunk], write: (inout Files, URL) throws -> Void) throws {
        try state.withLock { state in
            var files = state.files
            try write(&files, state.location.directory)
            state.files = files
            state.chunks += chunks
        }
    }

    /// Removes every file and row; the files' state becomes `empty`.
    func truncate(empty: Files) throws {
        try state.withLock { state in
            try FileManager.default.removeItem(at: state.location.directory)
            try FileManager.default.createDirectory(at: state.location.directory, withIntermediateDirectories: true)
            state.files = empty
            state.chunks = []
        }
    }

    /// Moves the table's directory to the new name's `data/<db>/<table>` (when it changes).
    func rename(database: String, name: String, createQuery: CreateTableQuery) throws {
        try state.withLock { state in
            let directory = state.location.directory
            let newDirectory = directory.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(escapeForFileName(database))
                .appendingPathComponent(escapeForFileName(name))
            if newDirectory != directory, FileManager.default.fileExists(atPath: directory.path) {
                try FileManager.default.createDirectory(
                    at: newDirectory.deletingLastPathComponent(), withIntermediateDirectories: true)
                try DurableFiles.rename(directory, to: newDirectory)
            }
            state.location = TableLocation(
                database: database, name: name, directory: newDirectory, createQuery: createQuery)
        }
    }

    /// Deletes the table's directory.
    func dropData() {
        try? FileManager.default.removeItem(at: location.directory)
    }
}
