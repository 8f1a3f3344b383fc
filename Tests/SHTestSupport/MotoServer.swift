import Foundation

/// A `moto_server` (S3 and IAM emulator) on 127.0.0.1 at a free port, started by a test and stopped on `stop()`/deinit.
///
/// Needs the project virtualenv (`scripts/bootstrap.sh`); `start` throws a message saying so when it is missing,
/// so tests that need moto fail rather than pass silently.
public final class MotoServer: @unchecked Sendable {
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    /// The bucket created at start, if any.
    public let bucket: String?
    private let process: Process
    private let stdin: FileHandle
    private let lock = NSLock()
    private var stopped = false

    /// Any key pair works while auth is off; these are the conventional test values.
    public static let testAccessKeyID = "testing"
    public static let testSecretAccessKey = "testing"

    private init(port: Int, bucket: String?, process: Process, stdin: FileHandle) {
        self.port = port
        self.bucket = bucket
        self.process = process
        self.stdin = stdin
    }

    private static let sharedServer = Result<MotoServer, any Error> { try MotoServer.start(bucket: nil) }

    /// One server for the whole test process (started on first use, stopped when the process exits).
    /// Tests isolate themselves with their own buckets; use `start` for a server whose auth state you change.
    public static func shared() throws -> MotoServer { try sharedServer.get() }

    /// Starts moto, waits until it answers, and creates `bucket` (nil: none).
    public static func start(bucket: String? = "test-bucket", timeout: TimeInterval = 60) throws -> MotoServer {
        let executable = PythonEnvironment.executable("moto_server")
        guard PythonEnvironment.isAvailable, FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw TestSupportError(
                "moto_server not found at \(executable.path): run scripts/bootstrap.sh (or set SH_VENV to a virtualenv with moto[server])"
            )
        }
        let port = try freePort()
        // A Python guard runs moto and stops it when its stdin closes, i.e. when this test process ends for any reason.
        let guardScript = """
            import subprocess, sys
            p = subprocess.Popen([sys.argv[1], '-H', '127.0.0.1', '-p', sys.argv[2]],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                sys.stdin.read()
            finally:
                p.terminate()
                try:
                    p.wait(10)
                except Exception:
                    p.kill()
            """
        let process = Process()
        process.executableURL = PythonEnvironment.executable("python")
        process.arguments = ["-c", guardScript, executable.path, String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        let server = MotoServer(port: port, bucket: bucket, process: process, stdin: stdin.fileHandleForWriting)
        let deadline = Date().addingTimeInterval(timeout)
        while !canConnect(port: port) {
            guard process.isRunning else {
                throw TestSupportError("moto_server exited with status \(process.terminationStatus)")
            }
            guard Date() < deadline else {
                server.stop()
                throw TestSupportError("moto_server did not answer on port \(port) within \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if let bucket { try server.createBucket(bucket) }
        return server
    }

    deinit { stop() }

    /// Stops the server process.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? stdin.close()
        if process.isRunning { process.waitUntilExit() }
    }

    /// Creates a bucket (unsigned request; works while auth is off).
    public func createBucket(_ name: String) throws {
        try python(
            """
            import urllib.request
            urllib.request.urlopen(urllib.request.Request('\(endpoint)/\(name)', method='PUT'), timeout=30).read()
            """)
    }

    /// Clears all state (buckets, IAM) and switches auth off.
    public func reset() throws {
        try python(
            """
            import urllib.request
            urllib.request.urlopen(urllib.request.Request('\(endpoint)/moto-api/reset-auth', data=b'inf', method='POST', headers={'Content-Type': 'text/plain'}), timeout=30).read()
            urllib.request.urlopen(urllib.request.Request('\(endpoint)/moto-api/reset', data=b'', method='POST'), timeout=30).read()
            """)
    }

    /// Creates an IAM user allowed `s3:*` and an access key for it, then switches SigV4 verification on
    /// (`POST /moto-api/reset-auth` with body `0`). Returns the key pair.
    public func enableAuth(userName: String = "swifthouse-test") throws -> (
        accessKeyID: String, secretAccessKey: String
    ) {
        let output = try python(
            """
            import boto3, json, urllib.request
            iam = boto3.client('iam', endpoint_url='\(endpoint)', region_name='us-east-1',
                               aws_access_key_id='testing', aws_secret_access_key='testing')
            iam.create_user(UserName='\(userName)')
            iam.put_user_policy(UserName='\(userName)', PolicyName='s3all', PolicyDocument=json.dumps(
                {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:*', 'Resource': '*'}]}))
            key = iam.create_access_key(UserName='\(userName)')['AccessKey']
            urllib.request.urlopen(urllib.request.Request('\(endpoint)/moto-api/reset-auth', data=b'0', method='POST', headers={'Content-Type': 'text/plain'}), timeout=30).read()
            print(key['AccessKeyId'] + ' ' + key['SecretAccessKey'])
            """)
        let parts = output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count == 2 else { throw TestSupportError("unexpected IAM answer from moto") }
        return (parts[0], parts[1])
    }

    /// Switches SigV4 verification off again.
    public func disableAuth() throws {
        try python(
            """
            import urllib.request
            urllib.request.urlopen(urllib.request.Request('\(endpoint)/moto-api/reset-auth', data=b'inf', method='POST', headers={'Content-Type': 'text/plain'}), timeout=30).read()
            """)
    }

    @discardableResult
    private func python(_ script: String) throws -> String {
        let data = try PythonEnvironment.runPython(["-c", script])
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - Sockets

    /// A TCP port that is free on 127.0.0.1 right now (bound and released).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw TestSupportError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
