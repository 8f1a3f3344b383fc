@_exported import SHEngine
