/* http/background.c — a small thread pool for deferred request work (req_defer).
 *
 * Slow CPU work such as argon2id password hashing runs here, so the request threads
 * keep serving pages while it runs.  Jobs are the suspended requests themselves,
 * queued first-in first-out; each worker runs the job's handler and resumes the
 * connection.  background_stop drains the queue before joining. */
#include "http/internal.h"
#include "util/alloc.h"
#include "util/log.h"
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdlib.h>

struct background {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    req_full *head, *tail;
    int stopping;
    unsigned count;
    pthread_t *threads;
};

static void *worker(void *arg)
{
    background *bg = arg;
    /* Deferred work is heavy CPU (argon2id): let request threads win every contest for
     * a core, so pages stay fast while a burst of log-ins is hashed.  Linux applies nice
     * per thread. */
    struct sched_param none = {0};
    pthread_setschedparam(pthread_self(), SCHED_BATCH, &none);
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10) != 0) { /* best effort */ }
    for (;;) {
        pthread_mutex_lock(&bg->lock);
        while (!bg->head && !bg->stopping) pthread_cond_wait(&bg->ready, &bg->lock);
        req_full *rq = bg->head;
        if (rq) {
            bg->head = rq->next_job;
            if (!bg->head) bg->tail = NULL;
        }
        pthread_mutex_unlock(&bg->lock);
        if (!rq) return NULL;   /* stopping and nothing left */
        rq->deferred(&rq->pub);
        server_resume(rq);
    }
}

background *background_start(unsigned threads)
{
    background *bg = xcalloc(1, sizeof *bg);
    pthread_mutex_init(&bg->lock, NULL);
    pthread_cond_init(&bg->ready, NULL);
    bg->threads = xcalloc(threads, sizeof *bg->threads);
    for (unsigned i = 0; i < threads; i++)
        if (pthread_create(&bg->threads[i], NULL, worker, bg) == 0) bg->count++;
    if (!bg->count) {   /* without a single worker deferred requests would hang forever */
        log_error("cannot start any background thread");
        abort();
    }
    return bg;
}

unsigned background_queued(background *bg)
{
    unsigned n = 0;
    pthread_mutex_lock(&bg->lock);
    for (req_full *rq = bg->head; rq; rq = rq->next_job) n++;
    pthread_mutex_unlock(&bg->lock);
    return n;
}

void background_push(background *bg, req_full *rq)
{
    pthread_mutex_lock(&bg->lock);
    rq->next_job = NULL;
    if (bg->tail) bg->tail->next_job = rq; else bg->head = rq;
    bg->tail = rq;
    pthread_cond_signal(&bg->ready);
    pthread_mutex_unlock(&bg->lock);
}

void background_stop(background *bg)
{
    if (!bg) return;
    pthread_mutex_lock(&bg->lock);
    bg->stopping = 1;
    pthread_cond_broadcast(&bg->ready);
    pthread_mutex_unlock(&bg->lock);
    for (unsigned i = 0; i < bg->count; i++) pthread_join(bg->threads[i], NULL);
    pthread_mutex_destroy(&bg->lock);
    pthread_cond_destroy(&bg->ready);
    free(bg->threads);
    free(bg);
}
