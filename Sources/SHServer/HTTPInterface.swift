import Foundation
import SHCodecs
import SHCore
import SHEngine
import SHSQL

/// One HTTP request as it arrived.
struct HTTPRequest: Sendable {
    var method: String
    /// The request target: path and query string.
    var uri: String
    /// Header names in lower case.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The client connected from a loopback address.
    var fromLoopback: Bool

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
}

/// What to answer: the status and headers, then `body`, then the pieces of `rows` as they are produced.
struct HTTPAnswer {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8] = []
    var rows: FormattedResult?
    /// The start of the rows, formatted before the answer was sent (`wait_end_of_query=1`: all of them).
    var preformatted: [UInt8] = []
    /// The compression of the rows (`Content-Encoding`), nil for none.
    var compression: StreamCompression?
    /// The rows go in ClickHouse's compressed blocks (`compress=1`).
    var blockCompressed = false
    /// Called once the answer is sent (or the connection is lost): releases the request's session.
    var finished: @Sendable () -> Void = {}
}

/// ClickHouse's HTTP interface over an engine: the query from the URL's `query` and the body, `database`,
/// `default_format`, `query_id`, `session_id` / `session_timeout` / `session_check`, any other URL parameter as
/// a setting, users from `X-ClickHouse-User` / `X-ClickHouse-Key`, basic auth or `user` / `password`, `/ping`, and
/// errors with ClickHouse's status codes and `X-ClickHouse-Exception-Code`.
final class HTTPInterface: Sendable {
    let engine: Engine
    let sessions: HTTPSessions
    let serverName: String

    /// URL parameters that are the protocol's, not settings.
    static let transportParameters: Set<String> = [
        "query", "database", "default_format", "session_id", "session_timeout", "session_check", "query_id", "user",
        "password", "quota_key", "buffer_size", "wait_end_of_query", "compress", "decompress", "role", "stacktrace",
        ResultFormats.clientProtocolVersion,
    ]

    /// ClickHouse's `max_query_size` default: the longest query text parsed (INSERT data does not count).
    static let maxQuerySize = 262_144

    let users: HTTPUsers
    /// The largest request body, also once decompressed.
    let maxRequestSize: Int

    init(engine: Engine, users: HTTPUsers, maxRequestSize: Int) {
        self.engine = engine
        self.users = users
        self.maxRequestSize = maxRequestSize
        self.sessions = HTTPSessions(engine: engine)
        self.serverName = ProcessInfo.processInfo.hostName
    }

    /// The answer to `request`; never throws (an error is an answer with its status).
    func answer(_ request: HTTPRequest) async -> HTTPAnswer {
        let (path, parameters) = Self.split(request.uri)
        if path == "/ping" || (path == "/" && request.method == "GET" && parameters.isEmpty && request.body.isEmpty) {
            return HTTPAnswer(
                status: 200, headers: [("Content-Type", "text/html; charset=UTF-8")], body: Array("Ok.\n".utf8))
        }
        let queryID = parameters["query_id"].flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString.lowercased()
        var headers: [(String, String)] = [
            ("X-ClickHouse-Server-Display-Name", serverName), ("X-ClickHouse-Query-Id", queryID),
            ("X-ClickHouse-Timezone", "UTC"),
        ]
        var sessionID: String?
        var format = parameters["default_format"] ?? "TabSeparated"
        // ClickHouse writes an error after authentication into the answer's compressed blocks (`compress=1`).
        var blockCompressed = false
        do {
            let userReadonly = try authenticate(request, parameters: parameters)
            blockCompressed = parameters["compress"] == "1"
            let session: Session
            if let id = parameters["session_id"], !id.isEmpty {
                session = try sessions.acquire(
                    id, timeoutSeconds: try parameters["session_timeout"].map(Self.integer),
                    check: parameters["session_check"] == "1")
                sessionID = id
            } else {
                session = engine.makeSession()
            }
            let settings = parameters.filter {
                !Self.transportParameters.contains($0.key) && !$0.key.hasPrefix("param_")
            }
            .sorted { $0.key < $1.key }
            .map { SettingAssignment(name: $0.key, value: .literal(Self.literal($0.value))) }
            var values: [String: String] = [:]
            for (key, value) in parameters where key.hasPrefix("param_") {
                values[String(key.dropFirst(6))] = value
            }
            let (statement, input) = try Self.statement(
                request, query: parameters["query"] ?? "", decompress: parameters["decompress"] == "1",
                queryParameters: values, maxRequestSize: maxRequestSize)
            try Self.refuseIfReadOnly(
                statement, method: request.method, settings: settings, session: session, user: userReadonly)
            let progress = QueryProgress()
            let queryRequest = QueryRequest(
                database: parameters["database"].flatMap { $0.isEmpty ? nil : $0 }, settings: settings, input: input,
                progress: progress)
            let reporter = HTTPProgressHeaders.start(progress, settings: settings, session: session)
            var outputSettings: [String: Value] = [:]
            var rows: FormattedResult
            var buffered: [UInt8] = []
            do {
                let result = try await session.execute(statement, request: queryRequest)
                outputSettings = ScriptRunner(session: session).outputSettings(of: statement, request: settings)
                if let version = parameters[ResultFormats.clientProtocolVersion] {
                    outputSettings[ResultFormats.clientProtocolVersion] = .uint(UInt64(version) ?? 0)
                }
                format = result.format ?? format
                rows = try FormattedResult(result, defaultFormat: format, settings: outputSettings)
                // wait_end_of_query=1: the whole answer is made before anything is sent (the summary then is final).
                if parameters["wait_end_of_query"] == "1" {
                    while let piece = try rows.next() { buffered += piece }
                }
            } catch {
                headers += await reporter?.stop() ?? []
                throw error
            }
            headers += await reporter?.stop() ?? []
            headers += [
                ("Content-Type", Self.contentType(format)), ("X-ClickHouse-Format", format),
                ("X-ClickHouse-Summary", progress.current.json(verbose: true)),
            ]
            let compression = Self.responseCompression(
                accepted: request.header("accept-encoding"),
                enabled: outputSettings["enable_http_compression"]?.isTrue ?? true)
            if let compression { headers.append(("Content-Encoding", compression.rawValue)) }
            let sessions = self.sessions
            let heldSession = sessionID
            return HTTPAnswer(
                status: 200, headers: headers, rows: rows, preformatted: buffered, compression: compression,
                blockCompressed: blockCompressed, finished: { if let heldSession { sessions.release(heldSession) } })
        } catch {
            if let sessionID { sessions.release(sessionID) }
            let failure = DatabaseError.wrap(error)
            headers += [
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("X-ClickHouse-Exception-Code", String(failure.code.number)),
            ]
            var body = Self.errorText(failure)
            if blockCompressed, let encoded = try? HTTPBodyEncoder(blockCompressed: true, compression: nil).encode(body)
            {
                body = encoded
            }
            return HTTPAnswer(status: HTTPErrorStatus.status(of: failure), headers: headers, body: body)
        }
    }

    /// An error as ClickHouse's HTTP interface prints it.
    static func errorText(_ error: DatabaseError) -> [UInt8] {
        Array("\(error) (version \(Engine.version))\n".utf8)
    }

    /// The request's user (`X-ClickHouse-User` / `X-ClickHouse-Key`, basic auth, or `user` / `password`; none is
    /// `default`) checked against the configured users; returns the user's readonly level.
    private func authenticate(_ request: HTTPRequest, parameters: [String: String]) throws -> Int {
        var user = request.header("x-clickhouse-user") ?? parameters["user"]
        var password = request.header("x-clickhouse-key") ?? parameters["password"]
        if let authorization = request.header("authorization"), authorization.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8)
        {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            user = String(parts[0])
            password = parts.count > 1 ? String(parts[1]) : ""
        }
        let name = user.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return try users.authenticate(name, password: password ?? "", fromLoopback: request.fromLoopback)
    }

    /// The statement and the INSERT data sent beside it. The query is the URL's `query`, then a newline and the
    /// body (ClickHouse concatenates them); an `INSERT … FORMAT f` in the URL takes the body as its data, bytes as
    /// they are (Native and other binary formats included). The body's `Content-Encoding` is undone first, then
    /// with `decompress` its ClickHouse compressed blocks, as ClickHouse does. `{name:Type}` in the query takes
    /// its value from `queryParameters` (`param_name`).
    static func statement(
        _ request: HTTPRequest, query: String, decompress: Bool, queryParameters: [String: String],
        maxRequestSize: Int
    ) throws -> (ParsedStatement, [UInt8]?) {
        var body = try ContentEncoding.decode(
            request.body, encoding: request.header("content-encoding"), limit: maxRequestSize)
        // `decompress=1`: checksums verified, at most `maxRequestSize` bytes once decompressed (from each header).
        if decompress {
            body = try CompressedBlock.decodeAll(body, fileName: "HTTP request body", limit: maxRequestSize)
        }
        func substituted(_ text: [UInt8]) throws -> [UInt8] {
            guard text.prefix(maxQuerySize).contains(UInt8(ascii: "{")) else { return text }
            return try QueryParameters.substitute(text, values: queryParameters, limit: maxQuerySize)
        }
        let queryBytes = Array(query.utf8)
        if !queryBytes.isEmpty, !body.isEmpty {
            let urlQuery = try substituted(queryBytes)
            if let parsed = try? single(urlQuery), let range = parsed.inlineData.range {
                let inline = urlQuery[range]
                return (parsed, inline.isEmpty ? body : Array(inline) + [0x0A] + body)
            }
        }
        var text = queryBytes
        if !body.isEmpty {
            if !text.isEmpty { text.append(0x0A) }
            text += body
        }
        text = try substituted(text)
        let parsed = try single(text)
        return (parsed, parsed.inlineData.range.map { Array(text[$0]) })
    }

    /// The one statement of `text` (a second one is refused); its text, INSERT data aside, at most
    /// `max_query_size` bytes.
    static func single(_ text: [UInt8]) throws -> ParsedStatement {
        let statement = try Parser.parseSingleStatement(bytes: text)
        if statement.inlineData.range == nil, text.count > maxQuerySize {
            throw DatabaseError(
                .queryIsTooLarge, "Max query size exceeded (can be increased with the `max_query_size` setting)")
        }
        return statement
    }

    /// GET requests, `readonly` settings and read-only users refuse statements that change data (ClickHouse: GET is `readonly=2`,
    /// which still allows `SET`).
    static func refuseIfReadOnly(
        _ statement: ParsedStatement, method: String, settings: [SettingAssignment], session: Session, user: Int
    ) throws {
        let readonlySetting = setting("readonly", settings, nil)?.int64
        let sessionReadonly = session.settings["readonly"]?.int64 ?? 0
        // A request can make itself stricter, never laxer than its user's profile.
        let readonly = max(readonlySetting ?? 0, sessionReadonly, Int64(user), method == "GET" ? 2 : 0)
        guard readonly > 0 else { return }
        switch statement.statement {
        case .select, .show, .describe, .exists, .use, .check: return
        case .set where readonly == 2: return
        default:
            let hint =
                method == "GET"
                ? ". For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries"
                : ""
            throw DatabaseError(.readonly, "Cannot execute query in readonly mode\(hint)")
        }
    }

    /// A setting's value for this request: the URL's, else the session's (`SET`) when `session` is given.
    static func setting(_ name: String, _ settings: [SettingAssignment], _ session: Session?) -> Value? {
        if let assignment = settings.last(where: { $0.name == name }) {
            if case .literal(let literal) = assignment.value { return literal.value }
        }
        return session?.settings[name]
    }

    /// The path and the decoded parameters of a request target (`+` is a space, as in ClickHouse's form decoding).
    static func split(_ uri: String) -> (String, [String: String]) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        var parameters: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ text: Substring) -> String {
                    let spaced = text.replacingOccurrences(of: "+", with: " ")
                    return spaced.removingPercentEncoding ?? spaced
                }
                parameters[decode(keyValue[0])] = keyValue.count > 1 ? decode(keyValue[1]) : ""
            }
        }
        return (path, parameters)
    }

    /// A URL parameter's value as a setting literal: a number when it reads as one, else a string.
    static func literal(_ text: String) -> Literal {
        if let v = UInt64(text) { return .unsignedInteger(v) }
        if let v = Int64(text) { return .integer(v) }
        if let v = Double(text), text.contains(".") { return .float(v) }
        return .string(text)
    }

    static func integer(_ text: String) throws -> Int {
        guard let value = Int(text) else {
            throw DatabaseError(.cannotParseNumber, "Cannot parse input: expected an integer, got '\(text)'")
        }
        return value
    }

    /// The compression of a response: with `enable_http_compression` (ClickHouse 26's default is on), the first
    /// of zstd, gzip and xz the client accepts (ClickHouse's order among those; its br, lz4, deflate and snappy are
    /// not offered, so a client asking only for those gets an uncompressed answer).
    static func responseCompression(accepted: String?, enabled: Bool) -> StreamCompression? {
        guard enabled, let accepted else { return nil }
        let methods = Set(
            accepted.lowercased().split(separator: ",").map {
                $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
            })
        return [StreamCompression.zstd, .gzip, .xz].first { methods.contains($0.rawValue) }
    }

    /// The Content-Type ClickHouse sends with a format.
    static func contentType(_ format: String) -> String {
        switch format {
        case "TabSeparated", "TSV", "TabSeparatedRaw", "TSVRaw", "TabSeparatedWithNames", "TSVWithNames",
            "TabSeparatedWithNamesAndTypes", "TSVWithNamesAndTypes":
            "text/tab-separated-values; charset=UTF-8"
        case "CSV", "CSVWithNames": "text/csv; charset=UTF-8; header=absent"
        case "JSON", "JSONCompact": "application/json; charset=UTF-8"
        case "JSONEachRow": "application/x-ndjson; charset=UTF-8"
        case "Native": "application/octet-stream"
        default: "text/plain; charset=UTF-8"
        }
    }
}

/// A request body's `Content-Encoding`, undone: gzip, zstd, lz4 (frame), xz; any other is
/// `UNSUPPORTED_MEDIA_TYPE` (415), as ClickHouse answers an encoding it does not know.
enum ContentEncoding {
    /// `body` decoded; more than `limit` decoded bytes is `QUERY_IS_TOO_LARGE` (413), found as soon as the output
    /// passes it, so a small compressed body cannot expand without bound.
    static func decode(_ body: [UInt8], encoding: String?, limit: Int) throws -> [UInt8] {
        guard let encoding = encoding?.lowercased().trimmingCharacters(in: .whitespaces), !encoding.isEmpty,
            encoding != "identity", encoding != "none"
        else { return body }
        let transform: any StreamTransform
        switch encoding {
        case "gzip", "x-gzip": transform = try StreamCompression.gzip.decompressor()
        case "zstd": transform = try StreamCompression.zstd.decompressor()
        case "xz": transform = try StreamCompression.xz.decompressor()
        case "lz4": transform = try LZ4FrameDecompressor()
        default:
            throw DatabaseError(.unsupportedMediaType, "Unknown Content-Encoding of HTTP request: \(encoding)")
        }
        var decoded: [UInt8] = []
        func append(_ piece: [UInt8]) throws {
            guard piece.count <= limit - decoded.count else {
                throw DatabaseError(
                    .queryIsTooLarge, "The decompressed request body is larger than \(limit) bytes")
            }
            decoded += piece
        }
        try body.withUnsafeBytes { try transform.update($0, append) }
        try transform.finish(append)
        return decoded
    }
}
