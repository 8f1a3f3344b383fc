import Foundation
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// Plans what follows FROM: a table, a system table, a table function or a subquery.
struct SourcePlanner {
    let context: QueryContext

    /// `columns`: the names the query may read (nil = all); a table scan reads only those. `blockSizeLimit`:
    /// the most rows the query can use, which caps the blocks of generated sources (numbers, generateRandom).
    /// `final`: the query says `FROM … FINAL` (the setting `final = 1` applies it where the table supports it).
    /// Every source but a subquery (whose own sources count) counts its rows and bytes as read.
    func plan(
        _ from: TableExpression?, columns: Set<String>? = nil, blockSizeLimit: Int? = nil, final: Bool = false
    ) throws -> (AnySource, Set<String>) {
        if final { try FinalScan.checkSupported(from, context: context) }
        if case .subquery = from {
            return try source(from, columns: columns, blockSizeLimit: blockSizeLimit, final: final)
        }
        let (source, qualifiers) = try source(from, columns: columns, blockSizeLimit: blockSizeLimit, final: final)
        var total = 0
        if case .table(let name, _)? = from {
            let (database, table) = context.qualify(name)
            if database != "system" {
                total = context.catalog.tableIfExists(database: database, name: table)?.totalRows ?? 0
            }
        }
        return (context.progress.countingReads(source, totalRows: total), qualifiers)
    }

    private func source(
        _ from: TableExpression?, columns: Set<String>?, blockSizeLimit: Int?, final: Bool
    ) throws -> (AnySource, Set<String>) {
        switch from {
        case nil:
            let header = [ColumnDescription(name: "dummy", type: .uint8)]
            return (
                AnySource(
                    ArraySource(header: header, chunks: [Chunk(columns: [Column(type: .uint8, values: [.uint(0)])])])),
                []
            )
        case .table(let name, let alias)?:
            let (database, table) = context.qualify(name)
            var qualifiers: Set<String> = [table, "\(database).\(table)"]
            if let alias { qualifiers.insert(alias) }
            if database == "system" {
                return (try SystemTables(context: context).source(table), qualifiers)
            }
            let object = try context.catalog.table(database: database, name: table)
            if final || (context.flag("final") && FinalScan.supportsFinal(object)) {
                return (try FinalScan(context: context).source(for: object, columns: columns), qualifiers)
            }
            return (try TableScan.source(for: object, columns: columns), qualifiers)
        case .function(let call, let alias)?:
            return (try tableFunction(call, blockSize: min(65_536, blockSizeLimit ?? .max)), alias.map { [$0] } ?? [])
        case .subquery(let query, let alias)?:
            let planned = try SelectPlanner(context: context).plan(query)
            return (planned.source, alias.map { [$0] } ?? [])
        }
    }

    /// The ALIAS columns of the table `from` names, by name: the binder reads them as their expressions.
    func aliasColumns(of from: TableExpression?) -> [String: Expression] {
        guard case .table(let name, _)? = from else { return [:] }
        let (database, table) = context.qualify(name)
        guard database != "system", let object = context.catalog.tableIfExists(database: database, name: table)
        else { return [:] }
        var aliases: [String: Expression] = [:]
        for column in object.createQuery.columns where column.defaultKind == "ALIAS" {
            if let expression = column.defaultExpression { aliases[column.name] = expression }
        }
        return aliases
    }

    private func tableFunction(_ call: FunctionCall, blockSize: Int) throws -> AnySource {
        let binder = Binder(context: context, columns: [], qualifiers: [])
        let arguments = try call.arguments.map { argument -> Value in
            guard let value = try binder.bind(argument).constantValue else {
                throw DatabaseError(.badArguments, "Table function \(call.name) requires constant arguments")
            }
            return value
        }
        switch call.name {
        case "numbers":
            guard (1...2).contains(arguments.count) else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch, "Table function 'numbers' requires 'length' or 'offset, length'.")
            }
            let numbers = try arguments.map { argument -> UInt64 in
                switch argument {
                case .uint(let v): return v
                case .int(let v) where v >= 0: return UInt64(v)
                case .float(let v) where UInt64(exactly: v) != nil: return UInt64(exactly: v) ?? 0
                case .float(let v):
                    throw DatabaseError(.illegalTypeOfArgument, "The value \(v) is not representable as UInt64")
                default:
                    let text = argument.int64.map(String.init) ?? "\(argument)"
                    throw DatabaseError(.illegalTypeOfArgument, "The value \(text) is not representable as UInt64")
                }
            }
            return AnySource(
                NumbersSource(offset: numbers.count == 2 ? numbers[0] : 0, count: numbers.last, blockSize: blockSize))
        case "generateRandom":
            guard case .string(let structure)? = arguments.first else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch,
                    "Table function 'generateRandom' requires at most four arguments: structure, [random_seed, max_string_length, max_array_length]."
                )
            }
            let seed: UInt64? = arguments.count > 1 ? arguments[1].int64.map { UInt64(bitPattern: $0) } : nil
            let maxString = try generateRandomLength(arguments, 2, name: "max_string_length", what: "string")
            let maxArray = try generateRandomLength(arguments, 3, name: "max_array_length", what: "array")
            let header = try StructureParser.columns(String(decoding: structure, as: UTF8.self))
            return AnySource(
                GenerateRandomSource(
                    header: header, seed: seed, maxStringLength: maxString, maxArrayLength: maxArray,
                    blockSize: blockSize))
        default:
            throw DatabaseError(.unknownFunction, "Unknown table function \(call.name)")
        }
    }
}

/// generateRandom's `max_string_length` / `max_array_length` argument (10 when absent): a UInt64 of at most
/// 2^30, as ClickHouse checks it (larger values would overflow the buffers sized from them).
private func generateRandomLength(_ arguments: [Value], _ index: Int, name: String, what: String) throws -> Int {
    guard arguments.count > index else { return 10 }
    let value: UInt64
    switch arguments[index] {
    case .uint(let v): value = v
    case .int(let v) where v >= 0: value = UInt64(v)
    case .int:
        throw DatabaseError(.badArguments, "Argument '\(name)' must be a literal with type UInt64, got Int64")
    default:
        throw DatabaseError(.badArguments, "Argument '\(name)' must be a literal with type UInt64")
    }
    let maximum: UInt64 = 1 << 30
    guard value <= maximum else {
        throw DatabaseError(
            what == "string" ? .tooLargeStringSize : .tooLargeArraySize,
            "Too large \(what) size in GenerateRandom: \(value), maximum: \(maximum)")
    }
    return Int(value)
}

/// Parses a structure string such as `'key Int, value String, array Array(String)'`.
enum StructureParser {
    static func columns(_ text: String) throws -> [ColumnDescription] {
        var columns: [ColumnDescription] = []
        var depth = 0
        var current = ""
        for character in text + "," {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                let trimmed = current.trimmingCharacters(in: .whitespaces)
                current = ""
                guard !trimmed.isEmpty else { continue }
                guard let space = trimmed.firstIndex(where: \.isWhitespace) else {
                    throw DatabaseError(.syntaxError, "Syntax error: expected a column type after `\(trimmed)`")
                }
                var name = String(trimmed[..<space])
                if name.hasPrefix("`"), name.hasSuffix("`"), name.count >= 2 {
                    name = String(name.dropFirst().dropLast())
                }
                let type = try DataType(parsing: String(trimmed[space...]).trimmingCharacters(in: .whitespaces))
                columns.append(ColumnDescription(name: name, type: type))
            } else {
                current.append(character)
            }
        }
        return columns
    }
}

/// Reads a table's snapshot as a stream of chunks.
enum TableScan {
    /// `names`: the columns the query reads (nil: `*`, which leaves out MATERIALIZED columns, as ClickHouse does). The
    /// columns an ALIAS column's expression reads are read when the query names the alias.
    static func source(for table: any Table, columns names: Set<String>? = nil) throws -> AnySource {
        let header = self.header(for: table, columns: names)
        switch table.snapshot() {
        case .chunks(let chunks):
            let positions = header.compactMap { column in table.columns.firstIndex { $0.name == column.name } }
            return AnySource(
                ArraySource(
                    header: header,
                    chunks: chunks.map { chunk in
                        Chunk(columns: positions.map { chunk.columns[$0] }, rowCount: chunk.rowCount)
                    }))
        case .parts(let parts):
            var index = 0
            var current: PartChunks?
            let missing = PartChunks.missingColumnValues(of: table.createQuery)
            return AnySource(
                ClosureSource(header: header) {
                    while true {
                        if current == nil {
                            guard index < parts.count else { return nil }
                            current = try PartChunks(part: parts[index], columns: header, missing: missing)
                            index += 1
                        }
                        if let chunk = try current?.next() { return chunk }
                        current = nil
                    }
                })
        }
    }

    /// The columns a scan of `table` returns for the names a query reads (see ``source(for:columns:)``).
    static func header(for table: any Table, columns names: Set<String>?) -> [ColumnDescription] {
        let definitions = table.createQuery.columns
        let materialized = Set(definitions.filter { $0.defaultKind == "MATERIALIZED" }.map(\.name))
        var header = table.columns.filter { !materialized.contains($0.name) }
        if var names {
            var pending = Array(names)
            while let name = pending.popLast() {
                guard let alias = definitions.first(where: { $0.name == name && $0.defaultKind == "ALIAS" }),
                    let expression = alias.defaultExpression
                else { continue }
                for input in TableFactory.identifiers(in: expression) where names.insert(input).inserted {
                    pending.append(input)
                }
            }
            header = table.columns.filter { names.contains($0.name) }
            // Something must carry the row count: the narrowest column.
            if header.isEmpty,
                let narrowest = table.columns.min(by: { ($0.type.fixedWidth ?? 64) < ($1.type.fixedWidth ?? 64) })
            {
                header = [narrowest]
            }
        }
        return header
    }
}
