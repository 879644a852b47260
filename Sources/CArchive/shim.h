#ifndef HANDOFF_CARCHIVE_SHIM_H
#define HANDOFF_CARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

#endif
