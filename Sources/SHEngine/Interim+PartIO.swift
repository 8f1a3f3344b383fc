// Interim part reading until the part format lands (replaced at merge).
import Foundation
import SHColumns
import SHCore
import SHStorage

struct PartChunks {
    init(part: DataPart, columns: [ColumnDescription]) throws { throw DatabaseError(.notImplemented, "parts") }
    mutating func next() throws -> Chunk? { nil }
    func partitionValues() throws -> ([Value], [DataType]) { ([], []) }
}

enum PartVerification {
    static func problem(in directory: URL) -> String? { nil }
    static func checkReadable(_ directory: URL, columns: [ColumnDescription]) throws {}
}
