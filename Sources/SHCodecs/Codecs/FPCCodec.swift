import SHCore

/// ClickHouse's `FPC(level)` (method byte 0x98) for Float32/Float64: the float width and the level, then per pair of
/// values a header byte (per value: which of two predictors, FCM or DFCM, and how many leading zero bytes its XOR
/// with the prediction has) and the XORs' remaining low bytes. Values go in chunks of 64; the last chunk is padded
/// with zero bytes to an even count of values. The predictors' tables hold 2^level values.
enum FPCCodec {
    static let methodByte: UInt8 = 0x98
    static let chunkValues = 64
    /// Levels SwiftHouse reads and writes: ClickHouse allows up to 28, whose tables take 2 GiB; a block may not make
    /// SwiftHouse allocate more than 32 MiB per table.
    static let levels = 1...22

    static func encode(_ data: UnsafeRawBufferPointer, width: Int, level: Int, to out: inout [UInt8]) throws {
        guard levels.contains(level), width == 4 || width == 8 else {
            throw DatabaseError(.notImplemented, "Writing FPC(\(level)) for \(width)-byte floats is not implemented")
        }
        out.append(UInt8(width))
        out.append(UInt8(level))
        if width == 8 {
            var operation = Operation<UInt64>(level: level)
            operation.encode(data, to: &out)
        } else {
            var operation = Operation<UInt32>(level: level)
            operation.encode(data, to: &out)
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard payload.count >= 2 else {
            throw DatabaseError(.cannotDecompress, "Cannot decompress. File has wrong header")
        }
        let width = Int(payload[0])
        let level = Int(payload[1])
        guard level >= 1, level <= 28 else {
            throw DatabaseError(.cannotDecompress, "Cannot decompress. File has incorrect level")
        }
        guard width == 4 || width == 8 else {
            throw DatabaseError(.cannotDecompress, "Cannot decompress. File has incorrect float width")
        }
        guard levels.contains(level) else {
            throw DatabaseError(.notImplemented, "Reading FPC(\(level)) is not supported by SwiftHouse yet")
        }
        let values = UnsafeRawBufferPointer(rebasing: payload[2...])
        return try decodedBytes(uncompressedSize) { out in
            if width == 8 {
                var operation = Operation<UInt64>(level: level)
                try operation.decode(values, into: out)
            } else {
                var operation = Operation<UInt32>(level: level)
                try operation.decode(values, into: out)
            }
        }
    }

    /// The two predictors and the pair coding for values of type `T` (UInt32 for Float32, UInt64 for Float64).
    struct Operation<T: FixedWidthInteger & UnsignedInteger> {
        static var size: Int { MemoryLayout<T>.size }
        static var dfcmBit: UInt8 { 0b1000 }
        private var dfcmTable: [T]
        private var dfcmPrevious: T = 0
        private var dfcmHash = 0
        private var fcmTable: [T]
        private var fcmHash = 0
        private let mask: Int

        init(level: Int) {
            dfcmTable = [T](repeating: 0, count: 1 << level)
            fcmTable = dfcmTable
            mask = (1 << level) - 1
        }

        private func predictions() -> (dfcm: T, fcm: T) { (dfcmTable[dfcmHash] &+ dfcmPrevious, fcmTable[fcmHash]) }

        private mutating func add(_ value: T) {
            let difference = value &- dfcmPrevious
            dfcmTable[dfcmHash] = difference
            dfcmHash =
                T.bitWidth == 64
                ? ((dfcmHash << 2) ^ Int(truncatingIfNeeded: UInt64(difference) >> 40)) & mask
                : ((dfcmHash << 4) ^ Int(truncatingIfNeeded: UInt64(difference) >> 23)) & mask
            dfcmPrevious = value
            fcmTable[fcmHash] = value
            fcmHash =
                T.bitWidth == 64
                ? ((fcmHash << 6) ^ Int(truncatingIfNeeded: UInt64(value) >> 48)) & mask
                : ((fcmHash << 1) ^ Int(truncatingIfNeeded: UInt64(value) >> 22)) & mask
        }

        /// The stored zero-byte count: 8-byte values cannot say 4 (3 bits hold 0…7), so 4…8 are stored as 3…7.
        private static func storedZeroBytes(_ count: Int) -> Int {
            var count = count
            if size == 8 && count >= 4 { count -= 1 }
            return min(count, 7)
        }

        private static func zeroBytes(stored: Int) -> Int { size == 8 && stored > 3 ? stored + 1 : stored }

        private mutating func compress(_ value: T) -> (xored: T, zeroBytes: Int, predictor: UInt8) {
            let (dfcm, fcm) = predictions()
            add(value)
            let byDFCM = dfcm ^ value
            let byFCM = fcm ^ value
            if byDFCM.leadingZeroBitCount > byFCM.leadingZeroBitCount {
                return (byDFCM, Self.storedZeroBytes(byDFCM.leadingZeroBitCount / 8), Self.dfcmBit)
            }
            return (byFCM, Self.storedZeroBytes(byFCM.leadingZeroBitCount / 8), 0)
        }

        mutating func encode(_ data: UnsafeRawBufferPointer, to out: inout [UInt8]) {
            let chunkBytes = chunkValues * Self.size
            var chunk = [T](repeating: 0, count: chunkValues)
            for start in stride(from: 0, to: data.count, by: chunkBytes) {
                let available = min(chunkBytes, data.count - start)
                for index in 0..<chunkValues { chunk[index] = 0 }
                chunk.withUnsafeMutableBytes {
                    $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[start..<(start + available)]))
                }
                let count = available == chunkBytes ? chunkValues : Self.evenValueCount(available)
                for pair in stride(from: 0, to: count, by: 2) {
                    let first = compress(T(littleEndian: chunk[pair]))
                    let second = compress(T(littleEndian: chunk[pair + 1]))
                    out.append(
                        (first.predictor << 4) | second.predictor | UInt8(first.zeroBytes << 4)
                            | UInt8(second.zeroBytes))
                    Self.appendTail(first, to: &out)
                    Self.appendTail(second, to: &out)
                }
            }
        }

        /// The low bytes of a value's XOR that its zero-byte count leaves.
        private static func appendTail(_ value: (xored: T, zeroBytes: Int, predictor: UInt8), to out: inout [UInt8]) {
            for byte in 0..<(size - zeroBytes(stored: value.zeroBytes)) {
                out.append(UInt8(truncatingIfNeeded: value.xored >> (8 * byte)))
            }
        }

        static func evenValueCount(_ bytes: Int) -> Int {
            let count = (bytes + size - 1) / size
            return count % 2 == 0 ? count : count + 1
        }

        private static var endOfSequence: DatabaseError {
            DatabaseError(.cannotDecompress, "Unexpected end of encoded sequence")
        }

        /// One value of a pair: `nibble` is its predictor bit and stored zero-byte count; its bytes start at `read`.
        private mutating func decodeValue(_ nibble: UInt8, _ values: UnsafeRawBufferPointer, _ read: inout Int) throws
            -> T
        {
            let zeroBytes = Self.zeroBytes(stored: Int(nibble & 0b111))
            guard zeroBytes <= Self.size else { throw Self.endOfSequence }
            let tail = Self.size - zeroBytes
            guard tail <= values.count - read else { throw Self.endOfSequence }
            var xored: T = 0
            for byte in 0..<tail { xored |= T(values[read + byte]) << (8 * byte) }
            read += tail
            let (dfcm, fcm) = predictions()
            let value = (nibble & Self.dfcmBit != 0 ? dfcm : fcm) ^ xored
            add(value)
            return value
        }

        mutating func decode(_ values: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws {
            let chunkBytes = chunkValues * Self.size
            var read = 0
            var chunk = [T](repeating: 0, count: chunkValues)
            for start in stride(from: 0, to: out.count, by: chunkBytes) {
                let count = start + chunkBytes > out.count ? Self.evenValueCount(out.count - start) : chunkValues
                for pair in stride(from: 0, to: count, by: 2) {
                    guard read < values.count else { throw Self.endOfSequence }
                    let header = values[read]
                    read += 1
                    chunk[pair] = try decodeValue(header >> 4, values, &read)
                    chunk[pair + 1] = try decodeValue(header & 0x0F, values, &read)
                }
                let bytes = min(chunkBytes, out.count - start)
                chunk.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: out[start..<(start + bytes)]).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: source[0..<bytes]))
                }
            }
        }
    }
}
