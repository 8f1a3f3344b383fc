import Foundation
import SHFuzzTargets

#if FUZZING
    /// libFuzzer's entry point (built with `-sanitize=fuzzer -DFUZZING`, see `scripts/fuzz.sh`); the target is
    /// chosen by `SH_FUZZ_TARGET`.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        let name = ProcessInfo.processInfo.environment["SH_FUZZ_TARGET"] ?? "sql"
        guard let target = FuzzTargets.all[name] else { fatalError("unknown fuzz target \(name)") }
        target(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    /// `sh-fuzz <target> <file>…`: runs each file once through a fuzz target (to reproduce a crash).
    @main struct FuzzReplay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTargets.all[name] else {
                print("usage: sh-fuzz \(FuzzTargets.all.keys.sorted().joined(separator: "|")) FILE…")
                exit(2)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                target([UInt8](data))
                print("ok \(path)")
            }
        }
    }
#endif
