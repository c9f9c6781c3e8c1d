/* util/phrase.c — the registered phrase table (see phrase.h). */
#include "util/phrase.h"
#include <stdatomic.h>
#include <string.h>

static _Atomic(phrase_translator) translator;

void phrase_translator_set(phrase_translator t)
{
    atomic_store(&translator, t);
}

const char *phrase_lang(const char *lang)
{
    return lang && strcmp(lang, "en") == 0 ? "en" : "id";
}

const char *phrase_in(const char *lang, const char *phrase)
{
    phrase_translator t = atomic_load(&translator);
    if (!t || !phrase || strcmp(phrase_lang(lang), "id") == 0) return phrase;
    const char *out = t(phrase_lang(lang), phrase);
    return out ? out : phrase;
}
