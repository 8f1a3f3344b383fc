import SHCore

/// `S3('url'[, 'access_key_id', 'secret_access_key'])`: a prefix in an S3 bucket.
struct S3BackupEngine: BackupEngine {
    var name: String { "S3" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        guard spec.arguments.count == 1 || spec.arguments.count == 3 else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "Backup S3 requires 1 or 3 arguments: url, [access_key_id, secret_access_key]")
        }
        return try S3BackupStorage(
            url: spec.arguments[0],
            accessKeyID: spec.arguments.count == 3 ? spec.arguments[1] : nil,
            secretAccessKey: spec.arguments.count == 3 ? spec.arguments[2] : nil,
            displayName: spec.displayName, environment: locations.environment, storageClass: options.storageClass,
            ambientCredentials: options.ambientCredentials)
    }
}
