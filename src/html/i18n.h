/* html/i18n.h — the English switch.
 *
 * Indonesian is the language the code and templates are written in; the English
 * translation of each phrase lives in assets/i18n/en.tsv ("Indonesian<TAB>English" per
 * line).  A phrase without a translation is shown in Indonesian. */
#ifndef LOKET_I18N_H
#define LOKET_I18N_H

/* Loads the embedded tables.  Call once before serving; returns 0 or -1 (with a message
 * on stderr) when a table is malformed. */
int i18n_load(void);
/* The phrase in `lang` ("id" or "en"); borrowed, static lifetime.  Unknown lang -> id. */
const char *i18n(const char *lang, const char *phrase);
/* 1 if lang is supported ("id", "en"). */
int i18n_lang_ok(const char *lang);

#endif
