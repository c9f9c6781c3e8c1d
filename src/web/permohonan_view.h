/* web/permohonan_view.h — the pages of *Tambah* (web/permohonan_view.c), rendered for
 * the handlers of web/permohonan.c. */
#ifndef LOKET_WEB_PERMOHONAN_VIEW_H
#define LOKET_WEB_PERMOHONAN_VIEW_H
#include "domain/akun/account.h"
#include "domain/permohonan/permohonan.h"
#include "http/http.h"

/* Whose application a page is for and where its pages live: the applicant's own
 * (*Tambah*), or one a counter officer enters for a walk-in (SPEC 5.6), which stays in
 * the officer's instansi and links back to the counter instead of the profile. */
typedef struct {
    const account *owner;      /* the applicant whose application it is */
    const account *officer;    /* the counter officer entering it, or NULL */
    const char *base;          /* the draft's pages: "/pemohon/permohonan" + "/<id>" */
    const char *lacak;         /* tracking: lacak + "/<id>/lacak" */
    const char *back;          /* Batal and the done page's way back: "/pemohon/profil" */
} permohonan_where;

/* The applicant's own pages. */
extern const char PERMOHONAN_BASE_PEMOHON[];
permohonan_where permohonan_where_pemohon(const account *me);

/* The steps of *Tambah*, in the seeds' order. */
typedef enum {
    LANGKAH_PERMOHONAN,   /* Jenis Permohonan, Instansi, Unit, Jenis Izin, Tipe Pemohon, Lokasi */
    LANGKAH_PEMOHON,      /* the profile, and Perusahaan for a company */
    LANGKAH_DATA_TEKNIS,
    LANGKAH_PERSYARATAN,
    LANGKAH_PERIKSA,      /* every answer with a change link, then Buat */
    LANGKAH_COUNT
} permohonan_langkah;

/* "permohonan", "pemohon", "data-teknis", "persyaratan", "periksa". */
const char *permohonan_langkah_key(permohonan_langkah l);
/* The step named `key`; `fallback` for NULL or an unknown name. */
permohonan_langkah permohonan_langkah_parse(const char *key, permohonan_langkah fallback);
/* The step where the field `key` of a permohonan_issue ("unit", "dt-x", "syarat-12") is. */
permohonan_langkah permohonan_langkah_of(const char *issue_key);

/* Sends step `l` of the draft's pages with `status`: its values, the lists of the
 * cascade, the applicant's profile, companies and documents, `msgs` in a summary and
 * beside their fields, an optional `notice`; the Periksa step shows every answer and
 * what is still missing beside a disabled *Buat*.  A draft not saved yet (p->id == 0,
 * *Tambah* just opened) posts to w->base + "/baru".  Returns an error without
 * sending anything when a query fails. */
lk_err permohonan_view_draft(req *r, store_conn *c, const permohonan_where *w, const char *csrf, const permohonan *p,
                             const permohonan_issues *msgs, const char *notice, int status, permohonan_langkah l);

/* Sends the confirmation page of *Hapus* for the owner's draft. */
void permohonan_view_hapus(req *r, const permohonan *p, const char *csrf);

/* Sends "Permohonan Izin telah selesai dibuat" for a submitted application, with the
 * office's contact (the seeds: WhatsApp the call centre so the files are checked). */
lk_err permohonan_view_selesai(req *r, store_conn *c, const permohonan_where *w, const permohonan *p);

#endif
