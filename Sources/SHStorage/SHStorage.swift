// SHStorage: see ARCHITECTURE.md.
