#ifndef HANDOFF_CARCHIVE_SHIM_H
#define HANDOFF_CARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

/* The AE_IF* file-type macros are cast expressions ((mode_t)0100000), which Swift does not
   import as constants. These return the same values so Swift code never hard-codes them. */
static inline mode_t handoff_archive_type_regular(void) { return AE_IFREG; }
static inline mode_t handoff_archive_type_directory(void) { return AE_IFDIR; }
static inline mode_t handoff_archive_type_symlink(void) { return AE_IFLNK; }

#endif
