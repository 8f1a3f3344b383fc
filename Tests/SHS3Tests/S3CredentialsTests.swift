import Foundation
import Testing

@testable import SHS3

@Suite struct S3CredentialsTests {
    @Test func inlinePairWins() {
        let found = S3Credentials.resolve(
            accessKeyID: "AK", secretAccessKey: "SK",
            environment: ["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "ENVS"], profile: nil)
        #expect(found == S3Credentials(accessKeyID: "AK", secretAccessKey: "SK"))
    }

    @Test func environment() {
        let found = S3Credentials.resolve(
            accessKeyID: nil, secretAccessKey: nil,
            environment: [
                "AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "ENVS", "AWS_SESSION_TOKEN": "TOK",
                "HOME": "/nonexistent",
            ],
            profile: nil)
        #expect(found == S3Credentials(accessKeyID: "ENV", secretAccessKey: "ENVS", sessionToken: "TOK"))
    }

    @Test func sharedCredentialsFileAndProfiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shs3-cred-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("credentials")
        try """
        # comment
        [default]
        aws_access_key_id = DEF
        aws_secret_access_key = DEFSECRET

        [backup]
        aws_access_key_id=BK
        aws_secret_access_key=BKSECRET
        aws_session_token = BKTOKEN
        """.write(to: file, atomically: true, encoding: .utf8)
        let env = ["AWS_SHARED_CREDENTIALS_FILE": file.path]
        #expect(
            S3Credentials.resolve(accessKeyID: nil, secretAccessKey: nil, environment: env, profile: nil)
                == S3Credentials(accessKeyID: "DEF", secretAccessKey: "DEFSECRET"))
        #expect(
            S3Credentials.resolve(accessKeyID: nil, secretAccessKey: nil, environment: env, profile: "backup")
                == S3Credentials(accessKeyID: "BK", secretAccessKey: "BKSECRET", sessionToken: "BKTOKEN"))
        var withProfile = env
        withProfile["AWS_PROFILE"] = "backup"
        #expect(
            S3Credentials.resolve(accessKeyID: nil, secretAccessKey: nil, environment: withProfile, profile: nil)?
                .accessKeyID == "BK")
        #expect(S3Credentials.resolve(accessKeyID: nil, secretAccessKey: nil, environment: env, profile: "nope") == nil)
        // ~/.aws/credentials through HOME.
        let home = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: home.appendingPathComponent(".aws/credentials"))
        #expect(
            S3Credentials.resolve(
                accessKeyID: nil, secretAccessKey: nil, environment: ["HOME": home.path], profile: nil)?
                .accessKeyID == "DEF")
    }

    @Test func anonymousWhenNothingFound() {
        #expect(
            S3Credentials.resolve(
                accessKeyID: nil, secretAccessKey: nil, environment: ["HOME": "/nonexistent"], profile: nil) == nil)
    }

    @Test func descriptionHidesSecret() {
        let credentials = S3Credentials(accessKeyID: "AK", secretAccessKey: "VERYSECRET")
        #expect(!String(describing: credentials).contains("VERYSECRET"))
        #expect(String(describing: credentials).contains("[HIDDEN]"))
    }
}
