/* demo/demo_data.h — the content of the demo (SPEC 3), as constant tables: the seeds'
 * two offices, the permit types both offer with their requirements and data teknis
 * fields, and the blank forms some requirements offer.  Read by demo/demo.c (the
 * loader) and demo/demo_forms.c (the PDF writer); nothing here touches the database.
 * Internal to the domain module. */
#ifndef LOKET_DEMO_DATA_H
#define LOKET_DEMO_DATA_H
#include <stddef.h>

typedef struct {
    const char *slug, *name, *wilayah_code;
    const char *office_name;
    const char *office_code;    /* in permit numbers: "503/{NNN}/SIP/<office_code>/{YYYY}" */
    const char *city;           /* where forms are signed: "Pangkalpinang, ……" */
    const char *address, *phone, *email;   /* may be NULL; phone is the call centre */
    const char *whatsapp, *office_hours;   /* may be NULL */
    const char *unit_slug, *unit_name;
} demo_instansi;

typedef struct {
    const char *name, *description;
    int wajib;
    int baru, perpanjangan, perubahan;   /* which jenis permohonan ask for it */
    const char *accepted_types;
    const char *form_key;                 /* a demo_form, or NULL */
} demo_requirement;

typedef struct {
    const char *key, *label, *type;
    int required;
    const char *options, *unit, *help;
} demo_field;

typedef struct {
    int enabled, sla_days, validity_value;
    const char *validity_unit;
    const char *number_format_izin;       /* "{KANTOR}" becomes the office_code */
} demo_setting;

typedef struct {
    const char *slug, *name, *short_description, *description, *document_type;
    int is_izin, gratis;
    const char *tarif_formula, *tarif_note;
    demo_setting settings[3];             /* baru, perpanjangan, perubahan */
    const demo_requirement *requirements;
    size_t requirement_count;
    const demo_field *fields;
    size_t field_count;
} demo_jenis_izin;

/* A blank form: a title, labelled lines to fill in and a closing statement. */
typedef struct {
    const char *key;            /* part of the file's storage name */
    const char *file_name;      /* offered for the download */
    const char *title;
    const char *intro;          /* "Yang bertanda tangan di bawah ini:" */
    const char *const *lines;   /* labels, NULL-terminated */
    const char *closing;        /* paragraph after the lines */
    const char *signer;         /* above the signature: NULL = "Pemohon," */
} demo_form;

#define DEMO_NUMBER_FORMAT_PERMOHONAN "REG/{YYYY}/{MM}/{NNNNN}"

extern const demo_instansi demo_instansi_table[];
extern const size_t demo_instansi_count;
extern const demo_jenis_izin demo_jenis_izin_table[];
extern const size_t demo_jenis_izin_count;
extern const demo_form demo_form_table[];
extern const size_t demo_form_count;

/* The form with this key, or NULL. */
const demo_form *demo_form_find(const char *key);

#endif
