import Foundation
import SHColumns
import SHCore

/// `JSONEachRow` input: one JSON object per line; missing keys take the column's default.
enum JSONEachRowInput {
    static func parse(_ data: [UInt8], header: [ColumnDescription]) throws -> [Column] {
        var columns = header.map { Column(type: $0.type) }
        for line in data.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            guard let object = OrderedJSON.parse(Array(line)) as? OrderedJSONObject else {
                throw DatabaseError(
                    .incorrectData, "Cannot parse JSON object: \(String(decoding: line.prefix(100), as: UTF8.self))")
            }
            for (index, column) in header.enumerated() {
                columns[index].append(try value(object[column.name], type: column.type))
            }
        }
        return columns
    }

    static func value(_ json: Any?, type: DataType) throws -> Value {
        guard let json, !(json is NSNull) else { return type.isNullable ? .null : type.defaultValue }
        let base = type.removingNullable.withoutLowCardinality
        switch base {
        case .map(let keyType, let valueType):
            guard let object = json as? OrderedJSONObject else {
                throw DatabaseError(.incorrectData, "Expected an object for \(type)")
            }
            return .array(
                try object.members.map { member in
                    .tuple([
                        try ValueText.parsePlain(Array(member.key.utf8), type: keyType),
                        try value(member.value, type: valueType),
                    ])
                })
        case .array(let element):
            guard let items = json as? [Any] else {
                throw DatabaseError(.incorrectData, "Expected an array for \(type)")
            }
            return .array(try items.map { try value($0, type: element) })
        case .tuple(let elements, _):
            guard let items = json as? [Any] else {
                throw DatabaseError(.incorrectData, "Expected an array for \(type)")
            }
            return .tuple(try zip(items, elements).map { try value($0, type: $1) })
        case .string:
            if let text = json as? String { return .string(text) }
            return .string(Array("\(json)".utf8))
        case .fixedString(let width):
            let bytes = if let text = json as? String { Array(text.utf8) } else { Array("\(json)".utf8) }
            return try ValueText.fixedString(bytes, width: width)
        case .bool:
            if let flag = json as? Bool { return .uint(flag ? 1 : 0) }
            return try ValueText.parseScalar("\(json)", type: base)
        default:
            if let number = json as? JSONNumberText { return try ValueText.parseScalar(number.text, type: base) }
            if let flag = json as? Bool { return try ValueText.parseScalar(flag ? "1" : "0", type: base) }
            return try ValueText.parseScalar("\(json)", type: base)
        }
    }
}
