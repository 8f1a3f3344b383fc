// SHCodecs: see ARCHITECTURE.md.
