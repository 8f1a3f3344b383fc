// SHBackup: see ARCHITECTURE.md.
