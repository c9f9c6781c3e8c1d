/* domain/surat/mailer.h — the sender that empties the outbox (SPEC 6, 8).
 *
 * One thread per mailer claims due pending mails from the outbox table, sends each over
 * SMTP with libcurl (or, with no SMTP server configured, writes it as an .eml file so a
 * one-machine trial works) and records the outcome.  A failed attempt is retried after
 * a backoff that doubles each time (30 s, 1 min, 2 min, ... at most 1 h) as long as the
 * failure is temporary (an SMTP 4xx reply, no connection) and the mail is younger than
 * MAILER_GIVE_UP_S, so an outage of hours or days loses nothing.  A permanent refusal
 * (5xx) marks the mail 'failed' at once.  A failed mail keeps its last error for the
 * admin, who may send it again (outbox_resend).
 *
 * Several mailers — threads or `loket serve` processes on one database — never send the
 * same mail: a claim marks a mail as taken (claimed_until) in one statement, on
 * PostgreSQL with FOR UPDATE SKIP LOCKED, and is renewed mail by mail while a batch is
 * sent.  A process that dies leaves its claims to run out (35 s), then another sender
 * takes the mails over.  Delivery is at least once: if a process dies between handing a
 * mail to the server and recording it, the mail is sent again (with the same
 * Message-ID, so mail programs can tell).
 *
 * Messages: RFC 5322 with Date, From, To, Subject (RFC 2047 encoded when not ASCII),
 * Message-ID, MIME-Version, text/plain UTF-8 in 8bit (quoted-printable when a line is
 * longer than 998 bytes), CRLF line endings. */
#ifndef LOKET_MAILER_H
#define LOKET_MAILER_H
#include <stdint.h>
#include "store/store.h"

#define MAILER_GIVE_UP_S (3 * 86400)

typedef struct mailer mailer;

/* Starts the sender thread.  `s` is borrowed: stop the mailer before store_close(s).
 * The mailer takes a connection from the pool only while it reads or records a mail,
 * never while it talks to the SMTP server.
 * `smtp_url`: "smtp://host:port", "smtps://..." (user:password@ in the URL if the server
 * wants AUTH); NULL or "" writes each mail to `mail_dir`/<id>-<kind>.eml instead
 * (`mail_dir` is created, mode 0700: the files hold one-time passwords).
 * `from_addr`: the envelope and From: address, e.g. "noreply@dpmptsp.muaraenimkab.go.id".
 * Strings are copied.  Returns NULL (with the reason logged) for an invalid from_addr or
 * a mail_dir that cannot be created.  The process must ignore SIGPIPE (`loket serve`
 * does): libcurl runs with CURLOPT_NOSIGNAL, as threads require, and then leaves it be. */
mailer *mailer_start(store *s, const char *smtp_url, const char *mail_dir,
                     const char *from_addr);

/* Makes the thread look for due mail now instead of at its next poll (it polls every
 * second): call it after committing a transaction that queued mail.  Cheap; any thread. */
void mailer_wake(mailer *m);

/* The base of the retry backoff, 30 000 ms unless set: the n-th failure of a mail
 * delays its next attempt by base × 2^(n-1), at most one hour, rounded up to whole
 * seconds.  For tests. */
void mailer_set_backoff_ms(mailer *m, int64_t base_ms);

/* Attempts of this mailer since it started: delivered, and failed (each retry counts). */
void mailer_counts(mailer *m, uint64_t *sent, uint64_t *failed);

/* Lets the mail being sent finish, hands any other claimed mail back to the outbox,
 * stops the thread and frees the mailer.  NULL is fine. */
void mailer_stop(mailer *m);

#endif
