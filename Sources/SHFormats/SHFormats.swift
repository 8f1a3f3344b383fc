// SHFormats: see ARCHITECTURE.md.
