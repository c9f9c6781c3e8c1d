/* tests/unit/test_storage.c — placing files in the data folder (util/storage.h) and the
 * backup archive format (util/tar.h), on real files in a temporary folder.
 *
 * storage_place must move the bytes under a new name, leave no temporary file, never
 * take a name that exists (eight threads placing at once get distinct names and every
 * file keeps its own bytes) and report a failure without losing the temporary file.
 * The tar reader must read back what the writer wrote with equal checksums, and refuse
 * unsafe names, a broken header checksum and a cut-off archive. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/crypto.h"
#include "util/storage.h"
#include "util/tar.h"

static char root[64];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_file(const char *path)
{
    static __thread char buf[256];
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int setup(void **state)
{
    strcpy(root, "/tmp/loket-storage-XXXXXX");
    assert_non_null(mkdtemp(root));
    char p[128];
    snprintf(p, sizeof p, "%s/tmp", root);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/files", root);
    mkdir(p, 0700);
    return crypto_init();
}

static int teardown(void **state)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_place_moves_the_bytes(void **state)
{
    arena *a = arena_new();
    char tmp[128], dir[128];
    snprintf(tmp, sizeof tmp, "%s/tmp/upload", root);
    snprintf(dir, sizeof dir, "%s/files", root);
    write_file(tmp, "isi berkas");
    const char *name = storage_place(a, tmp, dir, "dok", "pdf");
    assert_non_null(name);
    assert_int_equal(strncmp(name, "dok-", 4), 0);
    assert_non_null(strstr(name, ".pdf"));
    assert_int_equal(access(tmp, F_OK), -1);
    char dest[256];
    snprintf(dest, sizeof dest, "%s/%s", dir, name);
    assert_string_equal(read_file(dest), "isi berkas");
    /* A folder that is not there: NULL, and the upload is still where it was. */
    write_file(tmp, "lagi");
    snprintf(dir, sizeof dir, "%s/missing", root);
    assert_null(storage_place(a, tmp, dir, "dok", "pdf"));
    assert_string_equal(read_file(tmp), "lagi");
    unlink(tmp);
    arena_free(a);
}

typedef struct {
    int n;
    const char *names[25];
} placer;

static void *place_many(void *arg)
{
    placer *p = arg;
    arena *a = arena_new();
    for (int i = 0; i < 25; i++) {
        char tmp[128], dir[128], text[32];
        snprintf(tmp, sizeof tmp, "%s/tmp/t%d-%d", root, p->n, i);
        snprintf(dir, sizeof dir, "%s/files", root);
        snprintf(text, sizeof text, "writer %d file %d", p->n, i);
        write_file(tmp, text);
        const char *name = storage_place(a, tmp, dir, "par", "txt");
        p->names[i] = name ? strdup(name) : NULL;
    }
    arena_free(a);
    return NULL;
}

static void test_concurrent_writers_never_collide(void **state)
{
    pthread_t t[8];
    placer p[8];
    for (int i = 0; i < 8; i++) {
        p[i].n = i;
        pthread_create(&t[i], NULL, place_many, &p[i]);
    }
    for (int i = 0; i < 8; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 25; j++) {
            assert_non_null(p[i].names[j]);
            char path[256], want[32];
            snprintf(path, sizeof path, "%s/files/%s", root, p[i].names[j]);
            snprintf(want, sizeof want, "writer %d file %d", i, j);
            assert_string_equal(read_file(path), want);
            free((void *)p[i].names[j]);
        }
    char tmpdir[128];
    snprintf(tmpdir, sizeof tmpdir, "%s/tmp", root);
    DIR *d = opendir(tmpdir);
    int left = 0;
    for (struct dirent *e; (e = readdir(d));) left += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(left, 0);
}

static void test_tar_round_trip_and_refusals(void **state)
{
    char path[128], src[128], err[256];
    snprintf(path, sizeof path, "%s/a.tar", root);
    snprintf(src, sizeof src, "%s/src", root);
    write_file(src, "bytes of a file that is not a multiple of 512");
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    tar_writer w = {.fd = fd};
    char sha_written[TAR_SHA256_HEX], sha_read[TAR_SHA256_HEX];
    uint64_t size = 0;
    int missing = 0;
    assert_int_equal(tar_add_bytes(&w, "BACKUP", "format=1\n", 9, err, sizeof err), 0);
    assert_int_equal(tar_add_file(&w, "files/dok-x.pdf", src, sha_written, &size, &missing, err, sizeof err), 0);
    assert_int_equal(tar_add_bytes(&w, "../escape", "x", 1, err, sizeof err), -1);
    assert_int_equal(tar_finish(&w, err, sizeof err), 0);
    close(fd);

    fd = open(path, O_RDONLY);
    tar_reader r = {.fd = fd};
    char name[128];
    uint64_t n = 0;
    int out = open("/dev/null", O_WRONLY);
    assert_int_equal(tar_next(&r, name, sizeof name, &n, err, sizeof err), 1);
    assert_string_equal(name, "BACKUP");
    assert_int_equal(tar_extract(&r, n, out, sha_read, err, sizeof err), 0);
    assert_int_equal(tar_next(&r, name, sizeof name, &n, err, sizeof err), 1);
    assert_string_equal(name, "files/dok-x.pdf");
    assert_int_equal(n, size);
    assert_int_equal(tar_extract(&r, n, out, sha_read, err, sizeof err), 0);
    assert_string_equal(sha_read, sha_written);
    assert_int_equal(tar_next(&r, name, sizeof name, &n, err, sizeof err), 0);
    close(fd);

    /* A flipped byte in a header, and an archive cut inside its second entry. */
    fd = open(path, O_RDWR);
    assert_int_equal(pwrite(fd, "X", 1, 3), 1);
    lseek(fd, 0, SEEK_SET);
    tar_reader bad = {.fd = fd};
    assert_int_equal(tar_next(&bad, name, sizeof name, &n, err, sizeof err), -1);
    assert_non_null(strstr(err, "fails its checksum"));
    assert_int_equal(pwrite(fd, "K", 1, 3), 1);   /* "BACKUP" again */
    assert_int_equal(ftruncate(fd, 512 * 3 + 100), 0);
    lseek(fd, 0, SEEK_SET);
    tar_reader cut = {.fd = fd};
    assert_int_equal(tar_next(&cut, name, sizeof name, &n, err, sizeof err), 1);
    assert_int_equal(tar_extract(&cut, n, out, sha_read, err, sizeof err), 0);
    assert_int_equal(tar_next(&cut, name, sizeof name, &n, err, sizeof err), 1);
    assert_int_equal(tar_extract(&cut, n, out, sha_read, err, sizeof err), -1);
    assert_non_null(strstr(err, "truncated"));
    close(fd);
    close(out);

    assert_false(tar_name_safe("/etc/passwd"));
    assert_false(tar_name_safe("files/../../x"));
    assert_false(tar_name_safe("files//x"));
    assert_false(tar_name_safe("files/x y"));
    assert_true(tar_name_safe("keys/sign-2026.key"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_place_moves_the_bytes),
        cmocka_unit_test(test_concurrent_writers_never_collide),
        cmocka_unit_test(test_tar_round_trip_and_refusals),
    };
    return cmocka_run_group_tests_name("storage and archives", tests, setup, teardown);
}
