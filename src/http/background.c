/* http/background.c — a small thread pool for deferred request work (req_defer).
 *
 * Slow CPU work such as argon2id password hashing runs here, so the request threads
 * keep serving pages while it runs.  Jobs are the suspended requests themselves,
 * queued first-in first-out; each worker runs the job's handler and resumes the
 * connection.  background_stop drains the queue before joining.
 *
 * Log-in under load (issue 12): the workers run at normal priority, so under full page
 * load they get their share of the CPU rather than what pages leave over (they used to run
 * niced, and log-ins then waited seconds; http/server.c renices the request threads
 * instead).  The queue is bounded: a job beyond
 * max_queued, or one that waited longer than max_wait_ms, is answered 503 "coba lagi"
 * at once; nobody waits without end.  The bound is also one of time: a job that would
 * wait longer than max_expected_wait_ms behind the jobs ahead of it (at the running
 * average time per job) is refused when it arrives, so the queue holds about a second
 * of work on a fast machine and on a slow or busy one alike. */
#include "http/internal.h"
#include "util/alloc.h"
#include "util/log.h"
#include <pthread.h>
#include <time.h>
#include <stdlib.h>

struct background {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    req_full *head, *tail;
    int stopping;
    unsigned count;
    unsigned queued, max_queued, max_wait_ms;
    unsigned running;              /* jobs a worker is running now */
    unsigned max_expected_wait_ms; /* 0: no bound in time */
    double job_ms;                 /* running average time per job */
    pthread_t *threads;
};

/* The first guess of the time per job, until jobs have been timed: about one argon2id
 * hash on a quiet core (util/crypto.c). */
enum { FIRST_JOB_MS_GUESS = 50 };

static double elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1e3 + (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

static long waited_ms(const req_full *rq)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - rq->deferred_at.tv_sec) * 1000 + (now.tv_nsec - rq->deferred_at.tv_nsec) / 1000000;
}

static void *worker(void *arg)
{
    background *bg = arg;
    for (;;) {
        pthread_mutex_lock(&bg->lock);
        while (!bg->head && !bg->stopping) pthread_cond_wait(&bg->ready, &bg->lock);
        req_full *rq = bg->head;
        if (rq) {
            bg->head = rq->next_job;
            if (!bg->head) bg->tail = NULL;
            bg->queued--;
            bg->running++;
        }
        pthread_mutex_unlock(&bg->lock);
        if (!rq) return NULL;   /* stopping and nothing left */
        struct timespec started;
        clock_gettime(CLOCK_MONOTONIC, &started);
        int ran = !(bg->max_wait_ms && waited_ms(rq) > (long)bg->max_wait_ms);
        if (ran) rq->deferred(&rq->pub);
        else server_refuse_deferred(rq);
        double ms = elapsed_ms(&started);
        pthread_mutex_lock(&bg->lock);
        bg->running--;
        if (ran) bg->job_ms = bg->job_ms * 0.8 + ms * 0.2;
        pthread_mutex_unlock(&bg->lock);
        server_resume(rq);
    }
}

background *background_start(unsigned threads, unsigned max_queued, unsigned max_wait_ms,
                             unsigned max_expected_wait_ms)
{
    background *bg = xcalloc(1, sizeof *bg);
    bg->max_queued = max_queued;
    bg->max_wait_ms = max_wait_ms;
    bg->max_expected_wait_ms = max_expected_wait_ms;
    bg->job_ms = FIRST_JOB_MS_GUESS;
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
    pthread_mutex_lock(&bg->lock);
    unsigned n = bg->queued;
    pthread_mutex_unlock(&bg->lock);
    return n;
}

int background_push(background *bg, req_full *rq)
{
    pthread_mutex_lock(&bg->lock);
    /* The jobs ahead that must finish before a worker is free for this one. */
    unsigned ahead = bg->queued + bg->running;
    double expected_ms = ahead < bg->count ? 0 : (double)(ahead - bg->count + 1) * bg->job_ms / bg->count;
    if (bg->queued >= bg->max_queued || (bg->max_expected_wait_ms && expected_ms > bg->max_expected_wait_ms)) {
        pthread_mutex_unlock(&bg->lock);
        return -1;
    }
    bg->queued++;
    rq->next_job = NULL;
    if (bg->tail) bg->tail->next_job = rq; else bg->head = rq;
    bg->tail = rq;
    pthread_cond_signal(&bg->ready);
    pthread_mutex_unlock(&bg->lock);
    return 0;
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
