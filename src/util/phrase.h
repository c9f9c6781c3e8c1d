/* util/phrase.h — fixed phrases in another language, for code below the web layer (mails
 * composed in domain/surat/outbox.c).
 *
 * The translation table lives in html/i18n.c, which the domain may not include; the
 * program registers it here once at start (cli/main.c), and phrase_in() asks it.  Without
 * a registered table every phrase stays Indonesian. */
#ifndef LOKET_PHRASE_H
#define LOKET_PHRASE_H

/* Returns `phrase` in `lang` ("id", "en"), or phrase itself when there is no translation.
 * The result must live as long as the process (a static table). */
typedef const char *(*phrase_translator)(const char *lang, const char *phrase);

void phrase_translator_set(phrase_translator t);
/* The phrase in lang; phrase itself for "id", NULL lang, or no registered table. */
const char *phrase_in(const char *lang, const char *phrase);
/* "id" or "en": lang when it is one of them, else "id". */
const char *phrase_lang(const char *lang);

#endif
