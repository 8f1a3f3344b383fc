// SHExecution: see ARCHITECTURE.md.
