@_exported import SHBackup
@_exported import SHColumns
@_exported import SHCore
@_exported import SHEngine
@_exported import SHFormats
@_exported import SHSQL
