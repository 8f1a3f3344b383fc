import SHColumns
import SHCore

/// `PrettyCompact` and `Pretty`: one table for the whole result (chunks are squashed), numbers and dates
/// right-aligned, `ᴺᵁᴸᴸ` for NULL, column names repeated in the bottom border from 50 rows on, and a
/// readable hint after a single large number (`-- 1.10 million`).
struct PrettyOutput: OutputFormat {
    enum Style { case compact, full }

    let header: [ColumnDescription]
    let settings: FormatSettings
    let style: Style
    private var cells: [[String]] = []
    private var totalRows = 0
    private var firstValue: Value?

    static let footerNamesMinRows = 50

    init(header: [ColumnDescription], settings: FormatSettings, style: Style) {
        self.header = header
        self.settings = settings
        self.style = style
    }

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        for row in 0..<chunk.rowCount {
            totalRows += 1
            if totalRows == 1, chunk.columns.count == 1 { firstValue = chunk.columns[0].value(at: row) }
            guard cells.count < settings.prettyMaxRows else { continue }
            cells.append(chunk.columns.map { Self.text($0.value(at: row), type: $0.type) })
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
            if cells.count == 1, let tip = largeNumberTip() { text += " -- " + tip }
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

    /// `1.10 million` for a single numeric value at or above the threshold.
    private func largeNumberTip() -> String? {
        guard header.count == 1, header[0].type.removingNullable.isNumber, let value = firstValue?.double,
            abs(value) >= settings.prettyLargeNumberTipThreshold, settings.prettyLargeNumberTipThreshold > 0
        else { return nil }
        let units = ["thousand", "million", "billion", "trillion", "quadrillion", "quintillion"]
        var scaled = abs(value)
        var unit = -1
        while scaled >= 1000, unit < units.count - 1 {
            scaled /= 1000
            unit += 1
        }
        guard unit >= 0 else { return nil }
        let rounded = (scaled * 100).rounded() / 100
        let whole = Int(rounded)
        let cents = Int((rounded - Double(whole)) * 100 + 0.5)
        return "\(value < 0 ? "-" : "")\(whole).\(cents < 10 ? "0" : "")\(cents) \(units[unit])"
    }
}

/// `Vertical`: one block per row, `name: value` lines.
struct VerticalOutput: OutputFormat {
    let header: [ColumnDescription]
    var rows = 0

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        let nameWidth = header.map { PrettyOutput.width($0.name) }.max() ?? 0
        for row in 0..<chunk.rowCount {
            rows += 1
            var text = rows > 1 ? "\n" : ""
            let title = "Row \(rows):"
            text += title + "\n" + String(repeating: "─", count: title.count) + "\n"
            for (index, column) in chunk.columns.enumerated() {
                let name = header[index].name
                text += name + ":" + String(repeating: " ", count: nameWidth - PrettyOutput.width(name) + 1)
                text += PrettyOutput.text(column.value(at: row), type: column.type) + "\n"
            }
            out += Array(text.utf8)
        }
    }

    mutating func finish(into out: inout [UInt8]) {}
}
