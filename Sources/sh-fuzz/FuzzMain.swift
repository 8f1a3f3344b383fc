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

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// The executable's entry (SwiftPM links `main` to `sh_fuzz_main`): hands over to libFuzzer's driver.
    @_cdecl("sh_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        var count = argc
        var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return runFuzzerDriver(&count, &arguments, fuzzOneInput)
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
