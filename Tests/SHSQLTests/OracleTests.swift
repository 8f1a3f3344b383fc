import Foundation
import SHCore
import Testing

@testable import SHSQL

/// Checks against ClickHouse 26.9's own answers (`OracleExpectations.swift`, made by `scripts/testing/sql/oracle.py`).
@Suite struct OracleTests {
    @Test(arguments: OracleExpectations.columnNames.indices)
    func columnNamesMatchClickHouse(_ index: Int) throws {
        let (sql, expected) = OracleExpectations.columnNames[index]
        guard case .select(let query) = try Parser.parseStatement(sql).statement else {
            Issue.record("not a SELECT: \(sql)")
            return
        }
        #expect(SQLFormatter.columnNames(for: query) == expected, "\(sql)")
    }

    /// Known, accepted differences from `formatQuerySingleLine` (ClickHouse rewrites that the AST does not keep).
    static let formatDeviations: Set<String> = [
        // `(k)` in a SELECT is kept as `k` (ClickHouse keeps the parentheses).
        "SELECT (k), tuple(k), tuple(k, v), (k, v), tuple()",
        // `ASYNC` stays a keyword (ClickHouse prints it as `SETTINGS async = true`).
        "BACKUP TABLE db.t TO S3('http://h/b/k', 'AK', 'SK') SETTINGS base_backup = S3('http://h/b/base', 'AK', 'SK'), id = 'x' ASYNC",
    ]

    /// Syntax errors whose position differs from ClickHouse's.
    static let errorDeviations: Set<String> = [
        "SELECT 1,, 2",  // ClickHouse accepts a trailing comma in the select list and fails one token later.
        // Only UNION ALL is parsed (ClickHouse parses bare UNION, then needs union_default_mode).
        "SELECT 1 UNION SELECT",
    ]

    @Test(arguments: OracleExpectations.formatted.indices)
    func formattingMatchesClickHouse(_ index: Int) throws {
        let (sql, expected) = OracleExpectations.formatted[index]
        let parsed = try Parser.parseStatement(sql)
        // A known deviation must still deviate: when it is fixed, withKnownIssue fails and the entry must go.
        if Self.formatDeviations.contains(sql) {
            withKnownIssue { #expect(SQLFormatter.format(parsed) == expected, "\(sql)") }
        } else {
            #expect(SQLFormatter.format(parsed) == expected, "\(sql)")
        }
    }

    @Test(arguments: OracleExpectations.createTables.indices)
    func canonicalCreateTableMatchesClickHouse(_ index: Int) throws {
        let (sql, pretty, oneLine) = OracleExpectations.createTables[index]
        guard case .createTable(let query) = try Parser.parseStatement(sql).statement else {
            Issue.record("not CREATE TABLE: \(sql)")
            return
        }
        let stored = query.normalizedForStorage()
        #expect(SQLFormatter.createTable(stored, pretty: true) == pretty)
        #expect(SQLFormatter.createTable(stored, pretty: false) == oneLine)
    }

    @Test(arguments: OracleExpectations.syntaxErrors.indices)
    func syntaxErrorsMatchClickHouse(_ index: Int) throws {
        let (sql, expected) = OracleExpectations.syntaxErrors[index]
        try checkError(sql, expected, implicitSelect: false)
    }

    @Test(arguments: OracleExpectations.syntaxErrorsImplicitSelect.indices)
    func syntaxErrorsWithImplicitSelectMatchClickHouse(_ index: Int) throws {
        let (sql, expected) = OracleExpectations.syntaxErrorsImplicitSelect[index]
        try checkError(sql, expected, implicitSelect: true)
    }

    func checkError(_ sql: String, _ expected: String, implicitSelect: Bool) throws {
        if Self.errorDeviations.contains(sql) {
            withKnownIssue { try compareError(sql, expected, implicitSelect: implicitSelect) }
        } else {
            try compareError(sql, expected, implicitSelect: implicitSelect)
        }
    }

    func compareError(_ sql: String, _ expected: String, implicitSelect: Bool) throws {
        do {
            _ = try Parser.parseStatement(sql, implicitSelect: implicitSelect)
            // ClickHouse failing later than the parser (unknown identifier, unknown setting…) is consistent; a
            // syntax error that we do not raise is not.
            #expect(!expected.hasPrefix("Code: 62."), "no syntax error for \(sql); ClickHouse: \(expected)")
        } catch let error as DatabaseError {
            let actual = error.description
            // The position, the quoted token and text must match; the list of expected tokens may be shorter.
            let cut = { (text: String) -> String in
                if let range = text.range(of: ". Expected") { return String(text[..<range.lowerBound]) }
                return text
            }
            if expected.contains(" (version ") {
                // chdb wraps errors raised outside the parser: `Code: N. DB::Exception: Code: N. … (version …)`.
                #expect(expected.contains(actual.replacingOccurrences(of: ". (NO_DATA_TO_INSERT)", with: "")), "\(sql)")
            } else {
                #expect(cut(actual) == cut(expected), "\(sql)")
            }
            #expect(
                expected.hasPrefix("Code: \(error.code.number).")
                    || expected.hasPrefix("Code: \(error.code.number). DB::Exception: Code: \(error.code.number)"))
        }
    }
}
