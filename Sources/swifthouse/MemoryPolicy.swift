import CMallocTuning

/// Keeps memory flat on long transfers: buffers of 1 MiB and more (S3 parts, whole-file reads) are mapped and
/// unmapped on their own. glibc's default raises its mmap threshold after the first large free, and from then on
/// such buffers come from malloc arenas that keep the pages, so RSS grew with the number of parts a BACKUP sent.
enum MemoryPolicy {
    static func apply() { sh_fix_mmap_threshold(1 << 20) }
}
