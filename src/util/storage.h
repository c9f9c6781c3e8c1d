/* util/storage.h — putting an uploaded file into the data folder (DATA/files) so that
 * writers never collide, also when several `loket serve` processes on several machines
 * share the folder (NFS or similar).
 *
 * The name is new and random ("dok-<43 random characters>.pdf") and it is taken with
 * link(2), which fails when the name exists, where rename(2) would silently replace
 * another writer's file; only then is the temporary name removed.  Both names must be
 * on one file system (DATA/tmp and DATA/files are). */
#ifndef LOKET_STORAGE_H
#define LOKET_STORAGE_H
#include "util/arena.h"

/* Moves tmp_path into dir as "<prefix>-<random>.<ext>" and flushes dir; returns the new
 * name (allocated in a), or NULL with errno set and tmp_path left in place. */
const char *storage_place(arena *a, const char *tmp_path, const char *dir, const char *prefix,
                          const char *ext);
/* Makes a change of dir's entries durable (fsync of the folder); logs a failure. */
void storage_fsync_dir(const char *dir);

#endif
