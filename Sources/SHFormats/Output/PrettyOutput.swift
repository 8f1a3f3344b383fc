import SHColumns
import SHCore

/// `PrettyCompact` and `Pretty`: one table for the whole result (chunks are squashed), numbers and dates
/// right-aligned, `ᴺᵁᴸᴸ` for NULL, column names repeated in the bottom border from 50 rows on, and a
/// readable tip after a row whose last column holds a large number (`-- 1.10 million`).
struct PrettyOutput: OutputFormat {
    enum Style { case compact, full }

    let header: [ColumnDescription]
    let settings: FormatSettings
    let style: Style
    private var cells: [[String]] = []
    /// The readable-number tip of each row in `cells` (`""` for none).
    private var tips: [String] = []
    private var totalRows = 0

    static let footerNamesMinRows = 50

    init(header: [ColumnDescription], settings: FormatSettings, style: Style) {
        self.header = header
        self.settings = settings
        self.style = style
    }

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        for row in 0..<chunk.rowCount {
            totalRows += 1
            guard cells.count < settings.prettyMaxRows else { continue }
            let texts = chunk.columns.map { Self.text($0.value(at: row), type: $0.type) }
            cells.append(texts)
            var tip: String?
            if let last = chunk.columns.last, let text = texts.last, ReadableNumber.hasTips(last.type) {
                let threshold = settings.prettyLargeNumberTipThreshold
                tip = ReadableNumber.tip(last.value(at: row), type: last.type, text: text, threshold: threshold)
            }
            tips.append(tip ?? "")
        }
    }

    static func text(_ value: Value, type: DataType) -> String {
        if value.isNull { return "ᴺᵁᴸᴸ" }
        var bytes: [UInt8] = []
        ValueText.writePlain(value, type: type, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func rightAligned(_ type: DataType) -> Bool {
        let base = type.removingNullable.withoutLowCardinality
        return base.alignsRight
    }

    static func width(_ text: String) -> Int { text.unicodeScalars.count }

    mutating func finish(into out: inout [UInt8]) {
        guard !cells.isEmpty, !header.isEmpty else { return }
        var widths = header.map { Self.width($0.name) }
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Self.width(cell)) }
        }
        let align = header.map { Self.rightAligned($0.type) }
        let numberWidth = settings.prettyRowNumbers ? String(cells.count).count + 2 : 0
        let margin = String(repeating: " ", count: numberWidth)
        func pad(_ text: String, _ index: Int, fill: String = " ") -> String {
            let padding = String(repeating: fill, count: max(0, widths[index] - Self.width(text)))
            return align[index] ? padding + text : text + padding
        }
        var text = ""
        switch style {
        case .compact:
            text +=
                margin + "┌─" + header.indices.map { pad(header[$0].name, $0, fill: "─") }.joined(separator: "─┬─")
                + "─┐\n"
        case .full:
            text += margin + "┏━" + widths.map { String(repeating: "━", count: $0) }.joined(separator: "━┳━") + "━┓\n"
            text += margin + "┃ " + header.indices.map { pad(header[$0].name, $0) }.joined(separator: " ┃ ") + " ┃\n"
            text += margin + "┡━" + widths.map { String(repeating: "━", count: $0) }.joined(separator: "━╇━") + "━┩\n"
        }
        for (number, row) in cells.enumerated() {
            if style == .full, number > 0 {
                text +=
                    margin + "├─" + widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─") + "─┤\n"
            }
            if settings.prettyRowNumbers {
                let label = "\(number + 1). "
                text += String(repeating: " ", count: numberWidth - label.count) + label
            }
            text += "│ " + row.indices.map { pad(row[$0], $0) }.joined(separator: " │ ") + " │"
            text += tips[number]
            text += "\n"
        }
        if totalRows >= Self.footerNamesMinRows {
            text +=
                margin + "└─" + header.indices.map { pad(header[$0].name, $0, fill: "─") }.joined(separator: "─┴─")
                + "─┘\n"
        } else {
            text += margin + "└─" + widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┴─") + "─┘\n"
        }
        if totalRows > cells.count { text += "Showed \(cells.count) out of \(totalRows) rows.\n" }
        out += Array(text.utf8)
    }
}

/// `Vertical`: one block per row, `name: value` lines.
struct VerticalOutput: OutputFormat {
    let header: [ColumnDescription]
    let settings: FormatSettings
    var rows = 0

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        let nameWidth = header.map { PrettyOutput.width($0.name) }.max() ?? 0
        for row in 0..<chunk.rowCount {
            rows += 1
            var text = rows > 1 ? "\n" : ""
            // ClickHouse underlines with as many dashes as "Row N:" has characters for N = rows + 1 (9 gets 7).
            text += "Row \(rows):\n" + String(repeating: "─", count: "Row \(rows + 1):".count) + "\n"
            for (index, column) in chunk.columns.enumerated() {
                let name = header[index].name
                text += name + ":" + String(repeating: " ", count: nameWidth - PrettyOutput.width(name) + 1)
                let value = column.value(at: row)
                let cell = PrettyOutput.text(value, type: column.type)
                text += cell
                if ReadableNumber.hasTips(column.type) {
                    let threshold = settings.prettyLargeNumberTipThreshold
                    text += ReadableNumber.tip(value, type: column.type, text: cell, threshold: threshold) ?? ""
                }
                text += "\n"
            }
            out += Array(text.utf8)
        }
    }

    mutating func finish(into out: inout [UInt8]) {}
}
