/* domain/proses/perbaikan.h — the applicant's side of a returned application (SPEC
 * 4.10): replacing a requirement's file (a new version in Dokumen, the old one kept for
 * the record) and *Kirim Perbaikan*, which sends the application back to the step that
 * returned it with that step's due date moved by the working days it waited (sla.h).
 * Everything is refused with LK_ERR_CONFLICT for an application that is not waiting for
 * the applicant's perbaikan, and reads as LK_ERR_NOTFOUND for another's. */
#ifndef LOKET_PERBAIKAN_H
#define LOKET_PERBAIKAN_H
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* Stores the upload as the requirement's new document: a new version of the old one when
 * that is still in the applicant's locker, else a new document; the row's check is
 * cleared (the officer checks it again), its note stays.  LK_ERR_INVALID with *msg for a
 * refused file (nothing stored). */
lk_err perbaikan_ganti(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t permohonan_id,
                       int64_t persyaratan_id, const char *tmp_path, const char *file_name, int64_t *dokumen_id,
                       const char **msg);

/* The data of Lokasi Izin (nama, alamat: trimmed, required, within the form's limits),
 * changed during perbaikan, with an event and an audit record.  LK_ERR_INVALID with *msg
 * for a value refused (nothing changed). */
lk_err perbaikan_lokasi(store_conn *c, arena *a, const account *applicant, int64_t permohonan_id, const char *nama,
                        const char *alamat, time_t now, const char **msg);

/* Kirim Perbaikan, in one transaction: status back to diproses, the pause ended and
 * counted, an event, an audit record. */
lk_err perbaikan_kirim(store_conn *c, arena *a, const account *applicant, int64_t permohonan_id, time_t now,
                       const char **msg);

#endif
