/* http/form.c — request bodies: form fields and streamed file uploads.
 *
 * libmicrohttpd's post processor parses application/x-www-form-urlencoded and
 * multipart/form-data incrementally.  Field values are collected (each up to
 * max_field_len); files go straight to a temporary file in the upload folder, so an
 * upload of any size costs constant memory.  Any broken limit or malformed value sets
 * bad_status; the handler is then not called and nothing is kept. */
#include "http/internal.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/text.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void form_fail(req_full *rq, int status, const char *reason)
{
    if (!rq->bad_status) {
        rq->bad_status = status;
        rq->bad_reason = reason;
    }
}

/* Ends the field being collected: checks it and appends it to the form list. */
static void field_commit(req_full *rq)
{
    if (!rq->field_name) return;
    const char *name = rq->field_name;
    rq->field_name = NULL;
    if (!utf8_valid(buf_str(&rq->field), rq->field.len) ||
        !utf8_valid(name, strlen(name))) {
        form_fail(rq, 400, "Data formulir bukan teks UTF-8 yang sah.");
        return;
    }
    kv *f = arena_alloc(rq->pub.a, sizeof *f);
    f->name = arena_strdup(rq->pub.a, name);
    f->value = arena_strndup(rq->pub.a, buf_str(&rq->field), rq->field.len);
    if (rq->form_tail) rq->form_tail->next = f; else rq->form = f;
    rq->form_tail = f;
    rq->form_count++;
    buf_reset(&rq->field);
}

static void upload_close(req_full *rq)
{
    if (rq->upload_fd < 0) return;
    /* Flushed before the handler sees it: an accepted file must survive a crash. */
    if (fsync(rq->upload_fd) != 0 || close(rq->upload_fd) != 0) {
        rq->upload_fd = -1;
        form_fail(rq, 500, "Berkas unggahan tidak dapat disimpan.");
        return;
    }
    rq->upload_fd = -1;
}

static int upload_open(req_full *rq, const char *key, const char *filename, const char *ctype)
{
    const http_limits *lim = server_limits(rq->srv);
    if (rq->upload_count >= lim->max_uploads) {
        form_fail(rq, 413, "Terlalu banyak berkas dalam satu kiriman.");
        return -1;
    }
    rq->uploads = arena_grow(rq->pub.a, rq->uploads, &rq->upload_cap, rq->upload_count, sizeof *rq->uploads);
    char *path = arena_printf(rq->pub.a, "%s/up-XXXXXX", server_upload_dir(rq->srv));
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd < 0) {
        log_error("upload: cannot create a file in %s: %s", server_upload_dir(rq->srv), strerror(errno));
        form_fail(rq, 500, "Berkas unggahan tidak dapat disimpan.");
        return -1;
    }
    http_upload *u = &rq->uploads[rq->upload_count++];
    memset(u, 0, sizeof *u);
    u->field = arena_strdup(rq->pub.a, key);
    /* Shown back on pages before it is stored: the text rules hold here already. */
    u->file_name = arena_strdup(rq->pub.a, utf8_valid(filename, strlen(filename)) && !text_has_control(filename)
                                               ? filename : "berkas");
    u->content_type = arena_strdup(rq->pub.a, ctype ? ctype : "application/octet-stream");
    u->tmp_path = path;
    rq->upload_fd = fd;
    return 0;
}

static enum MHD_Result on_post_data(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *filename, const char *content_type,
                                    const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size)
{
    req_full *rq = cls;
    const http_limits *lim = server_limits(rq->srv);
    if (rq->bad_status) return MHD_NO;
    if (!key) key = "";

    /* When a read ends just before a value, libmicrohttpd announces the value with an
     * empty call at offset 0 and then delivers it, again from offset 0.  Such a second
     * offset-0 call continues the same field or file rather than starting a new one. */
    int continues = off == 0 && rq->field_name == NULL && rq->upload_fd >= 0 && filename &&
                    rq->upload_count && rq->uploads[rq->upload_count - 1].size == 0 &&
                    strcmp(rq->uploads[rq->upload_count - 1].field, key) == 0;
    int continues_field = off == 0 && !filename && rq->field_name && rq->field.len == 0 &&
                          strcmp(rq->field_name, key) == 0;

    /* A file box left empty is sent as a part with no file name and no bytes: no upload. */
    if (filename && !*filename) {
        field_commit(rq);
        upload_close(rq);
        return MHD_YES;
    }
    if (filename) {
        if (off == 0 && !continues) {
            field_commit(rq);
            upload_close(rq);
            if (upload_open(rq, key, filename, content_type) != 0) return MHD_NO;
        }
        if (rq->upload_fd < 0) return MHD_NO;
        http_upload *u = &rq->uploads[rq->upload_count - 1];
        if ((uint64_t)u->size + size > lim->max_upload) {
            form_fail(rq, 413, "Berkas terlalu besar.");
            return MHD_NO;
        }
        size_t done = 0;
        while (done < size) {
            ssize_t w = write(rq->upload_fd, data + done, size - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                form_fail(rq, 500, "Berkas unggahan tidak dapat disimpan.");
                return MHD_NO;
            }
            done += (size_t)w;
        }
        u->size += (int64_t)size;
        return MHD_YES;
    }

    /* An ordinary field; long values arrive in pieces with growing offsets. */
    if (off == 0 && !continues_field) {
        field_commit(rq);
        upload_close(rq);
        if (rq->form_count >= lim->max_fields) {
            form_fail(rq, 413, "Terlalu banyak isian dalam formulir.");
            return MHD_NO;
        }
        rq->field_name = arena_strdup(rq->pub.a, key);
    }
    if (rq->field.len + size > lim->max_field_len) {
        form_fail(rq, 413, "Isian formulir terlalu panjang.");
        return MHD_NO;
    }
    buf_put(&rq->field, data, size);
    return MHD_YES;
}

int form_start(req_full *rq)
{
    const char *ctype = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ctype) return 0;   /* a body without a type is read and ignored */
    if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) != 0 &&
        strncasecmp(ctype, "multipart/form-data", 19) != 0) {
        form_fail(rq, 415, "Jenis isi permintaan tidak didukung.");
        return -1;
    }
    rq->pp = MHD_create_post_processor(rq->conn, 65536, on_post_data, rq);
    if (!rq->pp) {
        form_fail(rq, 400, "Formulir tidak dapat dibaca (batas multipart tidak ada).");
        return -1;
    }
    return 0;
}

enum MHD_Result form_feed(req_full *rq, const char *data, size_t size)
{
    const http_limits *lim = server_limits(rq->srv);
    rq->body_bytes += size;
    if (rq->body_bytes > lim->max_body) {
        form_fail(rq, 413, "Kiriman terlalu besar.");
        return MHD_YES;
    }
    if (rq->bad_status || !rq->pp) return MHD_YES;   /* drain what is left */
    if (MHD_post_process(rq->pp, data, size) != MHD_YES)
        form_fail(rq, 400, "Formulir tidak dapat dibaca.");
    return MHD_YES;
}

void form_finish(req_full *rq)
{
    if (rq->pp) {
        if (MHD_destroy_post_processor(rq->pp) != MHD_YES)
            form_fail(rq, 400, "Formulir terpotong atau rusak.");
        rq->pp = NULL;
    }
    field_commit(rq);
    upload_close(rq);
}

void form_cleanup(req_full *rq)
{
    if (rq->pp) {
        MHD_destroy_post_processor(rq->pp);
        rq->pp = NULL;
    }
    if (rq->upload_fd >= 0) {
        close(rq->upload_fd);
        rq->upload_fd = -1;
    }
    for (size_t i = 0; i < rq->upload_count; i++)
        if (!rq->uploads[i].claimed) unlink(rq->uploads[i].tmp_path);
    buf_free(&rq->field);
}
