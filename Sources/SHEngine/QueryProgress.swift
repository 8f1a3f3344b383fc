import Foundation
import SHColumns
import SHExecution
import Synchronization

/// A statement's live counters, as ClickHouse's `Progress`: rows and bytes read from tables (and how many rows
/// there are to read), written by INSERT, and in the result. Interpreters add to them while the statement runs;
/// another task may read them at any time (`X-ClickHouse-Progress`, `X-ClickHouse-Summary`).
public final class QueryProgress: Sendable {
    /// One reading of the counters.
    public struct Counters: Sendable, Equatable {
        public var readRows: UInt64 = 0
        public var readBytes: UInt64 = 0
        public var writtenRows: UInt64 = 0
        public var writtenBytes: UInt64 = 0
        public var totalRowsToRead: UInt64 = 0
        public var resultRows: UInt64 = 0
        public var resultBytes: UInt64 = 0
        /// Since the statement started.
        public var elapsedNanoseconds: UInt64 = 0

        /// All zero.
        public init() {}

        /// The counters as ClickHouse's HTTP headers print them: every value a quoted decimal string; `verbose`
        /// (`X-ClickHouse-Summary`) prints them all, otherwise (`X-ClickHouse-Progress`) zeros are left out but
        /// for `elapsed_ns`.
        public func json(verbose: Bool) -> String {
            let fields: [(String, UInt64)] = [
                ("read_rows", readRows), ("read_bytes", readBytes), ("written_rows", writtenRows),
                ("written_bytes", writtenBytes), ("total_rows_to_read", totalRowsToRead),
                ("result_rows", resultRows), ("result_bytes", resultBytes), ("elapsed_ns", elapsedNanoseconds),
            ]
            let shown = fields.filter { verbose || $0.1 != 0 || $0.0 == "elapsed_ns" }
            return "{" + shown.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
        }
    }

    private let counters = Mutex(Counters())
    private let started = ContinuousClock.now

    /// Counters from zero, the clock starting now.
    public init() {}

    /// The counters now.
    public var current: Counters {
        var reading = counters.withLock { $0 }
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        reading.elapsedNanoseconds = UInt64(max(0, nanoseconds))
        return reading
    }

    /// Changes the counters.
    public func update(_ change: (inout Counters) -> Void) { counters.withLock { change(&$0) } }

    /// `source`, counting the rows and bytes that pass through it as read (`total` rows are there to read).
    func countingReads(_ source: AnySource, totalRows total: Int) -> AnySource {
        update { $0.totalRowsToRead += UInt64(max(0, total)) }
        return counting(source) { counters, chunk in
            counters.readRows += UInt64(chunk.rowCount)
            counters.readBytes += UInt64(chunk.byteSize)
        }
    }

    /// `source`, counting the rows and bytes that pass through it as the result.
    func countingResult(_ source: AnySource) -> AnySource {
        counting(source) { counters, chunk in
            counters.resultRows += UInt64(chunk.rowCount)
            counters.resultBytes += UInt64(chunk.byteSize)
        }
    }

    private func counting(_ source: AnySource, _ add: @escaping (inout Counters, Chunk) -> Void) -> AnySource {
        var base = source
        return AnySource(
            ClosureSource(header: source.header) {
                guard let chunk = try base.next() else { return nil }
                self.update { add(&$0, chunk) }
                return chunk
            })
    }
}

extension Chunk {
    /// The bytes of its columns (as ClickHouse counts `read_bytes`: uncompressed).
    var byteSize: Int { columns.reduce(0) { $0 + $1.byteSize } }
}
