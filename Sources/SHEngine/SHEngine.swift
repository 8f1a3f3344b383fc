// SHEngine: see ARCHITECTURE.md.
