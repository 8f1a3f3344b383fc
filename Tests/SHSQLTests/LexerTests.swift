import SHCore
import Testing

@testable import SHSQL

/// ClickHouse's lexical rules.
@Suite struct LexerTests {
    static func kinds(_ sql: String) -> [TokenKind] { Lexer.tokenize(Array(sql.utf8)).map(\.kind) }
    static func texts(_ sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        return Lexer.tokenize(bytes).dropLast().map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func operatorsAndPunctuation() {
        #expect(
            Self.kinds("( ) [ ] , ; . * + - / % ? : :: = == != <> < > <= >= <=> || -> @ ^ | $") == [
                .openParen, .closeParen, .openBracket, .closeBracket, .comma, .semicolon, .dot, .asterisk, .plus,
                .minus,
                .slash, .percent, .questionMark, .colon, .doubleColon, .equals, .equals, .notEquals, .notEquals, .less,
                .greater, .lessOrEquals, .greaterOrEquals, .spaceship, .concatenation, .arrow, .at, .caret, .pipe,
                .dollar,
                .endOfStream,
            ])
    }

    @Test func numbers() {
        #expect(
            Self.texts("1 1.5, .5 1e5 1E-3 0x1F 0b101 1. 01") == [
                "1", "1.5", ",", ".5", "1e5", "1E-3", "0x1F", "0b101", "1.", "01",
            ])
        #expect(Self.kinds("0x 1e 1abc") == [.bareWord, .bareWord, .bareWord, .endOfStream])
        // After an identifier, `.1` is a dot and a number (tuple access), and `t.1.2` is two accesses.
        #expect(Self.texts("t.1.2") == ["t", ".", "1", ".", "2"])
        #expect(Self.texts("SELECT .5") == ["SELECT", ".", "5"])
    }

    @Test func quotedTokens() {
        #expect(
            Self.kinds("'a''b' 'c\\'d' `x y` \"z\"") == [
                .stringLiteral, .stringLiteral, .quotedIdentifier, .quotedIdentifier, .endOfStream,
            ])
        #expect(Self.kinds("'abc") == [.error("Single quoted string is not closed")])
        #expect(Self.kinds("`abc") == [.error("Back quoted string is not closed")])
        #expect(Self.kinds("\"abc") == [.error("Double quoted string is not closed")])
        #expect(Self.kinds("'abc\\'") == [.error("Single quoted string is not closed")])
    }

    @Test func commentsAndWhitespace() {
        #expect(Self.texts("SELECT -- c\n 1 /* x /* nested */ y */ + # c\n 2 #!c\n") == ["SELECT", "1", "+", "2"])
        #expect(Self.kinds("/* open") == [.error("Multiline comment is not closed")])
        #expect(Self.texts("a\t\r\n\u{0B}\u{0C}b") == ["a", "b"])
        #expect(Self.kinds("#x") == [.error("Unrecognized token")])
    }

    @Test func positionsAreByteOffsets() {
        let tokens = Lexer.tokenize(Array("é 'ü' x".utf8))
        #expect(tokens[0].kind == .error("Unrecognized token"))
        let ok = Lexer.tokenize(Array("'ü' x".utf8))
        #expect(ok.map(\.start) == [0, 5, 6])
    }

    @Test func createDatabaseForms() throws {
        guard
            case .createDatabase(let query) = try Parser.parseStatement(
                "CREATE DATABASE dby ENGINE = Atomic COMMENT 'c'"
            ).statement
        else {
            Issue.record("not CREATE DATABASE")
            return
        }
        #expect(SQLFormatter.createDatabase(query, pretty: true) == "CREATE DATABASE dby\nENGINE = Atomic\nCOMMENT 'c'")
        var stored = query
        stored.uuid = "92a11a26-5a9b-4b16-9246-6c278f6845aa"
        stored.comment = nil
        #expect(
            SQLFormatter.createDatabase(stored)
                == "CREATE DATABASE dby UUID '92a11a26-5a9b-4b16-9246-6c278f6845aa' ENGINE = Atomic")
    }

    @Test func insertSettings() throws {
        let parsed = try Parser.parseStatement("INSERT INTO t SETTINGS async_insert = 1 VALUES (1)")
        #expect(parsed.settings == [SettingAssignment(name: "async_insert", value: .literal(.unsignedInteger(1)))])
        #expect(SQLFormatter.format(parsed) == "INSERT INTO t SETTINGS async_insert = 1 VALUES (1)")
    }
}
