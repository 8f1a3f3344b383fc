import SHCodecs
import SHCore
import SHXML

extension BackupManifest {
    /// Parses a manifest tolerantly (element order, whitespace, an XML declaration) as ClickHouse does;
    /// `backupName` is the display name used in errors.
    public init(parsing bytes: [UInt8], backupName: String) throws {
        func damaged(_ message: String) -> DatabaseError {
            DatabaseError(.backupDamaged, "Backup \(backupName): \(message)")
        }
        let root: XMLTreeElement
        do {
            root = try XMLTreeElement.parse(bytes)
        } catch {
            throw damaged("Cannot parse the .backup file: \(DatabaseError.wrap(error).message)")
        }
        guard root.name == "config" else { throw damaged("Unexpected root element <\(root.name)>") }
        guard let versionText = root.child("version")?.text, let version = Int(versionText) else {
            throw damaged("Cannot read <version> from metadata")
        }
        guard version == 1 || version == 2 else {
            throw DatabaseError(.backupVersionNotSupported, "Backup \(backupName): Version \(version) is not supported")
        }
        guard let uuid = root.child("uuid")?.text else { throw damaged("Cannot read <uuid> from metadata") }
        guard let timestamp = root.child("timestamp")?.text else {
            throw damaged("Cannot read <timestamp> from metadata")
        }
        var files: [BackupFileEntry] = []
        for element in root.child("contents")?.children ?? [] where element.name == "file" {
            guard let name = element.child("name")?.text, let size = Int(element.child("size")?.text ?? ""), size >= 0
            else { throw damaged("A file entry has no valid name or size") }
            guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
                throw DatabaseError(.insecurePath, "Backup \(backupName): file name \(name) is not allowed")
            }
            var entry = BackupFileEntry(name: name, size: size, checksum: nil)
            if size > 0 {
                guard let text = element.child("checksum")?.text else { throw damaged("No checksum for file \(name)") }
                guard let checksum = UInt128Hash(manifestHex: text) else {
                    throw damaged("Unexpected size of checksum: \(text.count), must be 32")
                }
                entry.checksum = checksum
            }
            entry.useBase = element.child("use_base")?.text == "true"
            entry.baseSize = element.child("base_size").flatMap { Int($0.text) }
            entry.baseChecksum = element.child("base_checksum").flatMap { UInt128Hash(manifestHex: $0.text) }
            if entry.useBase, entry.baseSize == nil { entry.baseSize = size }
            // The base holds a prefix of the file: 0 ≤ base_size ≤ size (ClickHouse writes no other).
            if let baseSize = entry.baseSize, baseSize < 0 || baseSize > size {
                throw damaged("File \(name) has base_size \(baseSize), outside 0…\(size)")
            }
            if let dataFile = element.child("data_file")?.text {
                guard !dataFile.hasPrefix("/"), !dataFile.split(separator: "/").contains("..") else {
                    throw DatabaseError(.insecurePath, "Backup \(backupName): file name \(dataFile) is not allowed")
                }
                entry.dataFile = dataFile
            }
            entry.encryptedByDisk = element.child("encrypted_by_disk")?.text == "true"
            files.append(entry)
        }
        self.init(timestamp: timestamp, uuid: uuid, files: files)
        self.version = version
        self.deduplicateFiles = root.child("deduplicate_files").map { $0.text == "1" || $0.text == "true" } ?? true
        self.backupID = root.child("backup_id")?.text
        self.dataFileNameGenerator = root.child("data_file_name_generator")?.text
        self.baseBackup = root.child("base_backup")?.text
        self.baseBackupUUID = root.child("base_backup_uuid")?.text
        self.copyS3CredentialsFromBackup = root.child("base_backup_copy_s3_credentials_from_backup")?.text == "true"
    }
}
