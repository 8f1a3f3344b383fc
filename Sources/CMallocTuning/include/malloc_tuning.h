#ifndef SWIFTHOUSE_MALLOC_TUNING_H
#define SWIFTHOUSE_MALLOC_TUNING_H

/// Fixes glibc's mmap threshold at `bytes` (no dynamic raise), so freed large buffers go back to the system.
/// Does nothing on other C libraries.
void sh_fix_mmap_threshold(int bytes);

#endif
