/* domain/katalog/catalogue.h — the public service catalogue: instansi, units, jenis izin and what
 * each jenis izin asks for (SPEC 3).  Read-only queries for the public pages; the demo
 * loader (demo/demo.h) and the permit-type editor (katalog/editor.h) write the same
 * tables.  Requirements removed in the editor (removed_at set) are not listed.
 *
 * All results and their strings are allocated in the caller's arena. */
#ifndef LOKET_CATALOGUE_H
#define LOKET_CATALOGUE_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* The three kinds of application (jenis permohonan). */
typedef enum { JP_BARU = 0, JP_PERPANJANGAN = 1, JP_PERUBAHAN = 2, JP_COUNT = 3 } jenis_permohonan;
const char *jenis_permohonan_key(jenis_permohonan jp);    /* "baru", "perpanjangan", "perubahan" */
const char *jenis_permohonan_label(jenis_permohonan jp);  /* "Baru", "Perpanjangan", "Perubahan" */
int jenis_permohonan_parse(const char *key, jenis_permohonan *out); /* 0 ok, -1 unknown */

typedef struct {
    int64_t id;
    const char *slug;          /* "kota-pangkalpinang" */
    const char *name;          /* "Pemerintah Kota Pangkalpinang" */
    const char *wilayah_code;  /* "19.71" */
    const char *office_name;   /* "DPMPTSP & NAKER Kota Pangkalpinang" */
    const char *address, *phone, *email;  /* contact of the office, may be NULL; phone is the call centre */
    const char *whatsapp, *office_hours;  /* WhatsApp number, "Senin–Jumat 08.00–15.00 WIB"; may be NULL */
    int auto_approve;          /* registrations approved without an officer */
} instansi;

typedef struct {
    int64_t id, instansi_id;
    const char *slug, *name;
} unit_kerja;

/* One row of the catalogue: a jenis izin with where it belongs. */
typedef struct {
    int64_t id, unit_id, instansi_id;
    const char *slug, *name, *short_description;
    const char *unit_name, *instansi_name, *instansi_slug;
    int is_izin;               /* 1 izin, 0 non-izin */
    int gratis;                /* no retribution */
    int active;                /* offered; set by the detail queries only */
} jenis_izin_summary;

typedef struct {
    jenis_permohonan jp;
    int enabled;
    int sla_days;              /* working days */
    int validity_value;        /* 0 = no expiry */
    const char *validity_unit; /* "hari", "bulan", "tahun" */
    const char *number_format_permohonan;  /* e.g. "REG/{YYYY}/{MM}/{NNNNN}" */
    const char *number_format_izin;        /* e.g. "503/{NNN}/SIP/DPMPTSP/{YYYY}" */
} jenis_izin_setting;

typedef struct {
    int64_t id;
    int position;
    const char *name, *description;
    int wajib;
    int applies[JP_COUNT];     /* applies[JP_BARU] etc. */
    const char *accepted_types;  /* "pdf,jpg,png" */
    int64_t blank_form_id;     /* 0 = none */
    const char *blank_form_name; /* file name shown for the download, or NULL */
} persyaratan;

typedef struct {
    int64_t id;
    int position;
    const char *key, *label;
    const char *type;          /* "text", "number", "date", "select", "textarea" */
    int required;
    const char *options;       /* select: "A|B|C"; else NULL */
    const char *unit;          /* "m²", may be NULL */
    const char *help;          /* may be NULL */
} data_teknis_field;

typedef struct {
    jenis_izin_summary s;
    const char *description;   /* longer text, may be NULL */
    const char *document_type; /* what it issues: "Surat Izin Praktik Dokter" */
    const char *tarif_formula; /* NULL when gratis; e.g. "L * It * 1.00 * HSbg" */
    const char *tarif_note;    /* human explanation of the cost, may be NULL */
    jenis_izin_setting settings[JP_COUNT];
    persyaratan *persyaratan; size_t persyaratan_count;
    data_teknis_field *fields; size_t field_count;
} jenis_izin_detail;

lk_err catalogue_instansi_list(store_conn *c, arena *a, instansi **out, size_t *count);
lk_err catalogue_instansi_get(store_conn *c, arena *a, const char *slug, instansi *out);
lk_err catalogue_units(store_conn *c, arena *a, int64_t instansi_id, unit_kerja **out, size_t *count);

/* Jenis izin of the whole catalogue, filtered by a search text over name and description
 * (NULL or "" = all) and by instansi (0 = all); ordered by instansi, unit, name. */
lk_err catalogue_search(store_conn *c, arena *a, const char *q, int64_t instansi_id,
                        jenis_izin_summary **out, size_t *count);
/* The active jenis izin of one instansi, by unit and name: catalogue_search without a
 * text, for pick lists (the inbox's filter) that are built on every page. */
lk_err catalogue_of_instansi(store_conn *c, arena *a, int64_t instansi_id, jenis_izin_summary **out, size_t *count);

/* Full detail by slug ("sip-dokter"), unique within an instansi: (instansi_slug, slug). */
lk_err catalogue_jenis_izin(store_conn *c, arena *a, const char *instansi_slug, const char *slug,
                            jenis_izin_detail *out);

/* The same by id within an instansi, active or not (the permit-type editor); another
 * instansi's id reads as LK_ERR_NOTFOUND. */
lk_err catalogue_jenis_izin_by_id(store_conn *c, arena *a, int64_t instansi_id, int64_t id,
                                  jenis_izin_detail *out);

/* A downloadable blank form: name, content type and the path of its file. */
typedef struct {
    int64_t id;
    const char *file_name, *content_type, *path;  /* path is absolute, inside the data folder */
    int64_t size;
} blank_form;
lk_err catalogue_blank_form(store_conn *c, arena *a, const char *data_dir, int64_t id, blank_form *out);

#endif
