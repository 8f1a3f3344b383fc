import SHCodecs
import SHCore
import SHXML

/// The `.backup` manifest, written last as the commit point of a backup, in ClickHouse 26.9's exact form.
public struct BackupManifest: Sendable {
    public var version = 1
    public var deduplicateFiles = true
    /// `YYYY-MM-DD hh:mm:ss`.
    public var timestamp: String
    public var uuid: String
    public var backupID: String?
    public var dataFileNameGenerator: String?
    /// The base backup's engine text without credentials, e.g. `S3('http://host/bucket/base')`.
    public var baseBackup: String?
    public var baseBackupUUID: String?
    public var copyS3CredentialsFromBackup = false
    /// Sorted by name (byte order).
    public var files: [BackupFileEntry]

    public init(timestamp: String, uuid: String, files: [BackupFileEntry]) {
        self.timestamp = timestamp
        self.uuid = uuid
        self.files = files
    }

    /// The one-line XML ClickHouse writes (no declaration, no whitespace, no trailing newline).
    public func serialized() -> [UInt8] {
        var xml =
            "<config><version>\(version)</version><deduplicate_files>\(deduplicateFiles ? 1 : 0)</deduplicate_files>"
        xml += "<timestamp>\(XMLText.escape(timestamp))</timestamp><uuid>\(XMLText.escape(uuid))</uuid>"
        if let backupID { xml += "<backup_id>\(XMLText.escape(backupID))</backup_id>" }
        if let dataFileNameGenerator {
            xml += "<data_file_name_generator>\(XMLText.escape(dataFileNameGenerator))</data_file_name_generator>"
        }
        if let baseBackup {
            xml += "<base_backup>\(XMLText.escape(baseBackup))</base_backup>"
            xml += "<base_backup_uuid>\(XMLText.escape(baseBackupUUID ?? ""))</base_backup_uuid>"
            if copyS3CredentialsFromBackup {
                xml += "<base_backup_copy_s3_credentials_from_backup>true</base_backup_copy_s3_credentials_from_backup>"
            }
        }
        xml += "<contents>"
        for file in files.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
            xml += "<file><name>\(XMLText.escape(file.name))</name><size>\(file.size)</size>"
            if file.size > 0, let checksum = file.checksum { xml += "<checksum>\(checksum.manifestHex)</checksum>" }
            if file.useBase { xml += "<use_base>true</use_base>" }
            if let baseSize = file.baseSize, baseSize != file.size {
                xml += "<base_size>\(baseSize)</base_size>"
                if let baseChecksum = file.baseChecksum {
                    xml += "<base_checksum>\(baseChecksum.manifestHex)</base_checksum>"
                }
            }
            if let dataFile = file.dataFile, dataFile != file.name {
                xml += "<data_file>\(XMLText.escape(dataFile))</data_file>"
            }
            if file.encryptedByDisk { xml += "<encrypted_by_disk>true</encrypted_by_disk>" }
            xml += "</file>"
        }
        xml += "</contents></config>"
        return Array(xml.utf8)
    }
}
