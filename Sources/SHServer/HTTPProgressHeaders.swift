import SHCore
import SHEngine
import SHSQL

/// `send_progress_in_http_headers`: `X-ClickHouse-Progress` headers, one each `http_headers_progress_interval_ms`
/// (default 100) in which the counters changed, as ClickHouse sends them while no row has been sent yet.
///
/// ClickHouse writes each header to the socket as it is made, which keeps a connection through a proxy alive
/// during a long INSERT or BACKUP; SwiftHouse's HTTP encoder sends the response head in one piece, so the headers
/// gathered while the statement ran go out together before the rows.
final class HTTPProgressHeaders: Sendable {
    private let sampler: Task<[(String, String)], Never>

    private init(sampler: Task<[(String, String)], Never>) { self.sampler = sampler }

    /// Starts sampling `progress` when the request's or the session's settings ask for it; nil otherwise.
    static func start(_ progress: QueryProgress, settings: [SettingAssignment], session: Session)
        -> HTTPProgressHeaders?
    {
        guard HTTPInterface.setting("send_progress_in_http_headers", settings, session)?.isTrue ?? false else {
            return nil
        }
        let interval = max(
            1, HTTPInterface.setting("http_headers_progress_interval_ms", settings, session)?.int64 ?? 100)
        let sampler = Task {
            var headers: [(String, String)] = []
            var last = QueryProgress.Counters()
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(interval))
                var now = progress.current
                let elapsed = now.elapsedNanoseconds
                now.elapsedNanoseconds = 0
                if now != last {
                    last = now
                    now.elapsedNanoseconds = elapsed
                    headers.append(("X-ClickHouse-Progress", now.json(verbose: false)))
                }
            }
            return headers
        }
        return HTTPProgressHeaders(sampler: sampler)
    }

    /// Stops sampling; the headers gathered, in order.
    func stop() async -> [(String, String)] {
        sampler.cancel()
        return await sampler.value
    }
}
