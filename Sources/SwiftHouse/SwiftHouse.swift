@_exported import SHColumns
@_exported import SHCore
@_exported import SHEngine
@_exported import SHFormats
@_exported import SHSQL
@_exported import SHBackup
