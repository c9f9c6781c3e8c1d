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

/* permohonan_view_draft for a permohonan_where. */
lk_err permohonan_view_draft_at(req *r, store_conn *c, const permohonan_where *w, const char *csrf,
                                const permohonan *p, const permohonan_issues *msgs, const char *notice, int status);
/* permohonan_view_selesai for a permohonan_where. */
void permohonan_view_selesai_at(req *r, const permohonan_where *w, const permohonan *p);

/* Sends the draft's page with `status`: its values, the lists of the cascade, the
 * applicant's profile, companies and documents, `msgs` in a summary and beside their
 * fields, an optional `notice`, and what is still missing beside a disabled *Buat*.
 * Returns an error without sending anything when a query fails. */
lk_err permohonan_view_draft(req *r, store_conn *c, const account *me, const char *csrf, const permohonan *p,
                             const permohonan_issues *msgs, const char *notice, int status);

/* Sends "Permohonan Izin telah selesai dibuat" for a submitted application. */
void permohonan_view_selesai(req *r, const permohonan *p);

#endif
