/*
 * abi_test.c: calls every function of rust/include/adphoto.h the way a careless or hostile
 * host might (NULLs, invalid UTF-8, invalid JSON, absurd lengths) and the way a real one does
 * (convert a photo, run jobs to the end, cancel, confirm and apply), checking the status codes
 * and JSON that rust/include/README.md promises.
 *
 *   abi_test <repository root> <scratch folder>
 *
 * Prints one line per check and "N passed, N failed"; exits 1 on any failure. Run by
 * tests/c-abi/run.sh, plainly and under valgrind (which also proves the "no read" of the
 * oversized lengths and that every buffer is freed).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "adphoto.h"

#ifdef _WIN32
#include <direct.h>
/* Windows' mkdir takes no mode (the folder inherits its parent's permissions). Built with
 * x86_64-w64-mingw32-gcc against adphoto.dll by tests/windows/wine.sh. */
#define make_folder(path) _mkdir(path)
#else
#define make_folder(path) mkdir((path), 0700)
#endif

/* ---- Reporting ---------------------------------------------------------------------------- */

static int passed;
static int failed;

static bool check(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(ok ? "ok - " : "FAIL - ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    fflush(stdout);
    if (ok) {
        passed++;
    } else {
        failed++;
    }
    return ok;
}

static const char *status_name(int s)
{
    switch (s) {
    case ADPHOTO_OK: return "ADPHOTO_OK";
    case ADPHOTO_PENDING: return "ADPHOTO_PENDING";
    case ADPHOTO_DONE: return "ADPHOTO_DONE";
    case ADPHOTO_NULL_POINTER: return "ADPHOTO_NULL_POINTER";
    case ADPHOTO_INVALID_UTF8: return "ADPHOTO_INVALID_UTF8";
    case ADPHOTO_INVALID_REQUEST: return "ADPHOTO_INVALID_REQUEST";
    case ADPHOTO_TOO_LARGE: return "ADPHOTO_TOO_LARGE";
    case ADPHOTO_INVALID_STATE: return "ADPHOTO_INVALID_STATE";
    case ADPHOTO_FAILED: return "ADPHOTO_FAILED";
    case ADPHOTO_INTERNAL: return "ADPHOTO_INTERNAL";
    default: return "(unknown status)";
    }
}

/* Checks a status; on a mismatch, also shows adphoto_last_error. */
static char *last_error(void);

static bool expect(adphoto_status got, adphoto_status want, const char *what)
{
    if ((int)got == (int)want) {
        return check(true, "%s -> %s", what, status_name((int)want));
    }
    char *err = last_error();
    check(false, "%s -> %s, expected %s [last error: %s]", what, status_name((int)got),
          status_name((int)want), err ? err : "(none)");
    free(err);
    return false;
}

/* ---- Small helpers ------------------------------------------------------------------------ */

static char *copy_text(const uint8_t *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) {
        perror("malloc");
        exit(2);
    }
    if (n) {
        memcpy(s, p, n);
    }
    s[n] = '\0';
    return s;
}

/* adphoto_last_error as a malloc'd C string (the library's buffer is freed), or NULL. */
static char *last_error(void)
{
    uint8_t *json = NULL;
    size_t len = 0;
    if (adphoto_last_error(&json, &len) != ADPHOTO_OK) {
        return NULL;
    }
    char *s = copy_text(json, len);
    adphoto_free(json, len);
    return s;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (got == 0) {
            break;
        }
        n += got;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        exit(2);
    }
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

/* printf into a malloc'd string */
static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static int count_of(const char *text, const char *needle)
{
    int n = 0;
    size_t k = strlen(needle);
    for (const char *p = strstr(text, needle); p; p = strstr(p + k, needle)) {
        n++;
    }
    return n;
}

/*
 * The raw value of a top-level-ish member "key" in a flat JSON text: for a string the body
 * between its quotes (escapes kept), otherwise the token up to , } ]. Enough for the checks
 * here; serde_json writes no insignificant space, but spaces are skipped anyway.
 */
static bool json_member(const char *json, const char *key, char *out, size_t out_len)
{
    char pattern[128];
    snprintf(pattern, sizeof pattern, "\"%s\"", key);
    for (const char *p = strstr(json, pattern); p; p = strstr(p + 1, pattern)) {
        const char *q = p + strlen(pattern);
        while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') {
            q++;
        }
        if (*q != ':') {
            continue; /* a string value that happens to equal the key */
        }
        q++;
        while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') {
            q++;
        }
        size_t n = 0;
        if (*q == '"') {
            q++;
            while (q[n] && q[n] != '"') {
                n += (q[n] == '\\' && q[n + 1]) ? 2 : 1;
            }
        } else {
            while (q[n] && q[n] != ',' && q[n] != '}' && q[n] != ']') {
                n++;
            }
        }
        if (n >= out_len) {
            n = out_len - 1;
        }
        memcpy(out, q, n);
        out[n] = '\0';
        return true;
    }
    return false;
}

/* The end of the object or array starting at p ('{' or '['), strings skipped; NULL if unclosed. */
static const char *json_close(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1]) {
                    p++;
                }
            }
            if (!*p) {
                return NULL;
            }
        } else if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (--depth == 0) {
                return p;
            }
        }
    }
    return NULL;
}

/* A malloc'd copy of the object or array that is the value of "key" (first occurrence), or NULL. */
static char *json_compound(const char *json, const char *key)
{
    char pattern[128];
    snprintf(pattern, sizeof pattern, "\"%s\"", key);
    for (const char *p = strstr(json, pattern); p; p = strstr(p + 1, pattern)) {
        const char *q = p + strlen(pattern);
        while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') {
            q++;
        }
        if (*q != ':') {
            continue;
        }
        q++;
        while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') {
            q++;
        }
        if (*q != '{' && *q != '[') {
            return NULL;
        }
        const char *end = json_close(q);
        if (!end) {
            return NULL;
        }
        size_t n = (size_t)(end - q) + 1;
        char *s = malloc(n + 1);
        memcpy(s, q, n);
        s[n] = '\0';
        return s;
    }
    return NULL;
}

static bool json_is(const char *json, const char *key, const char *value)
{
    char buf[512];
    return json_member(json, key, buf, sizeof buf) && strcmp(buf, value) == 0;
}

static long json_long(const char *json, const char *key)
{
    char buf[64];
    return json_member(json, key, buf, sizeof buf) ? strtol(buf, NULL, 10) : -1;
}

/* ---- Jobs --------------------------------------------------------------------------------- */

typedef struct {
    char **items;
    size_t count;
    size_t cap;
} events;

static void events_push(events *e, char *s)
{
    if (e->count == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 16;
        e->items = realloc(e->items, e->cap * sizeof *e->items);
    }
    e->items[e->count++] = s;
}

static void events_clear(events *e)
{
    for (size_t i = 0; i < e->count; i++) {
        free(e->items[i]);
    }
    free(e->items);
    e->items = NULL;
    e->count = e->cap = 0;
}

static int events_count(const events *e, const char *key, const char *value)
{
    int n = 0;
    for (size_t i = 0; i < e->count; i++) {
        if (json_is(e->items[i], key, value)) {
            n++;
        }
    }
    return n;
}

static const char *events_last(const events *e)
{
    return e->count ? e->items[e->count - 1] : "(no events)";
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Deadline for a job to finish; generous because valgrind is slow. */
static double job_deadline_seconds = 900;

/*
 * Pulls events into `into` until ADPHOTO_DONE (returns true), or until `stop_at` appears as
 * an "event" (returns false, the job still running), or an error / the deadline.
 */
static bool pull(adphoto_job *job, events *into, const char *stop_at, const char *what)
{
    double start = now_seconds();
    for (;;) {
        uint8_t *ev = NULL;
        size_t len = 0;
        adphoto_status s = adphoto_job_next(job, 200, &ev, &len);
        if (s == ADPHOTO_OK) {
            char *text = copy_text(ev, len);
            adphoto_free(ev, len);
            events_push(into, text);
            if (stop_at && json_is(text, "event", stop_at)) {
                return false;
            }
        } else if (s == ADPHOTO_DONE) {
            return true;
        } else if (s != ADPHOTO_PENDING) {
            expect(s, ADPHOTO_OK, what);
            return false;
        }
        if (now_seconds() - start > job_deadline_seconds) {
            check(false, "%s: no end within %.0f s; cancelling", what, job_deadline_seconds);
            adphoto_job_cancel(job);
            job_deadline_seconds *= 2;
        }
    }
}

static adphoto_job *start(const char *request, const char *what)
{
    adphoto_job *job = NULL;
    adphoto_status s = adphoto_job_start((const uint8_t *)request, strlen(request), &job);
    if (!expect(s, ADPHOTO_OK, what) || !check(job != NULL, "%s gives a job", what)) {
        return NULL;
    }
    return job;
}

/* ---- Tests -------------------------------------------------------------------------------- */

static const char *root;
static const char *scratch;

static void test_versions(void)
{
    check(adphoto_abi_version() == ADPHOTO_ABI_VERSION && ADPHOTO_ABI_VERSION == 1,
          "adphoto_abi_version() == ADPHOTO_ABI_VERSION == 1 (got %u)", (unsigned)adphoto_abi_version());
    const char *v = adphoto_version();
    int a, b, c;
    check(v != NULL && sscanf(v, "%d.%d.%d", &a, &b, &c) == 3, "adphoto_version() is x.y.z (\"%s\")", v ? v : "NULL");
    check(v == adphoto_version(), "adphoto_version() is static (same pointer twice)");
}

static void test_free(void)
{
    adphoto_free(NULL, 0);
    adphoto_free(NULL, 4096);
    adphoto_job_free(NULL);
    check(true, "adphoto_free(NULL, 0), adphoto_free(NULL, 4096), adphoto_job_free(NULL) are harmless");
}

static void test_null_pointers(void)
{
    static const uint8_t image[4] = {0xFF, 0xD8, 0xFF, 0xD9};
    static const char req[] = "{\"task\": \"match\"}";
    uint8_t *out = (uint8_t *)0x1;
    size_t out_len = 12345;
    uint8_t *info = (uint8_t *)0x1;
    size_t info_len = 12345;

    uint8_t *json = NULL;
    size_t len = 0;
    expect(adphoto_last_error(NULL, &len), ADPHOTO_NULL_POINTER, "adphoto_last_error(NULL, &len)");
    expect(adphoto_last_error(&json, NULL), ADPHOTO_NULL_POINTER, "adphoto_last_error(&json, NULL)");
    expect(adphoto_last_error(NULL, NULL), ADPHOTO_NULL_POINTER, "adphoto_last_error(NULL, NULL)");
    check(json == NULL, "adphoto_last_error leaves json alone on failure");

    expect(adphoto_convert(NULL, 4, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_NULL_POINTER,
           "adphoto_convert(image NULL, 4)");
    expect(adphoto_convert(NULL, 0, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_NULL_POINTER,
           "adphoto_convert(image NULL, 0)");
    expect(adphoto_convert(image, 4, NULL, 7, &out, &out_len, &info, &info_len), ADPHOTO_NULL_POINTER,
           "adphoto_convert(options NULL, 7)");
    expect(adphoto_convert(image, 4, NULL, 0, NULL, &out_len, &info, &info_len), ADPHOTO_NULL_POINTER,
           "adphoto_convert(photos NULL)");
    expect(adphoto_convert(image, 4, NULL, 0, &out, NULL, &info, &info_len), ADPHOTO_NULL_POINTER,
           "adphoto_convert(photos_len NULL)");
    expect(adphoto_convert(image, 4, NULL, 0, &out, &out_len, NULL, &info_len), ADPHOTO_NULL_POINTER,
           "adphoto_convert(info_json NULL)");
    expect(adphoto_convert(image, 4, NULL, 0, &out, &out_len, &info, NULL), ADPHOTO_NULL_POINTER,
           "adphoto_convert(info_len NULL)");
    expect(adphoto_convert(NULL, 0, NULL, 0, NULL, NULL, NULL, NULL), ADPHOTO_NULL_POINTER,
           "adphoto_convert(all NULL)");
    check(out == (uint8_t *)0x1 && out_len == 12345 && info == (uint8_t *)0x1 && info_len == 12345,
          "adphoto_convert writes no out-parameter on failure");

    adphoto_job *job = (adphoto_job *)0x1;
    expect(adphoto_job_start(NULL, 5, &job), ADPHOTO_NULL_POINTER, "adphoto_job_start(request NULL, 5)");
    expect(adphoto_job_start(NULL, 0, &job), ADPHOTO_NULL_POINTER, "adphoto_job_start(request NULL, 0)");
    expect(adphoto_job_start((const uint8_t *)req, strlen(req), NULL), ADPHOTO_NULL_POINTER,
           "adphoto_job_start(job NULL)");
    check(job == (adphoto_job *)0x1, "adphoto_job_start writes no job on failure");

    uint8_t *ev = (uint8_t *)0x1;
    size_t ev_len = 12345;
    expect(adphoto_job_next(NULL, 0, &ev, &ev_len), ADPHOTO_NULL_POINTER, "adphoto_job_next(job NULL)");
    expect(adphoto_job_next(NULL, 0, NULL, NULL), ADPHOTO_NULL_POINTER, "adphoto_job_next(all NULL)");
    check(ev == (uint8_t *)0x1 && ev_len == 12345, "adphoto_job_next writes nothing on failure");
    expect(adphoto_job_apply(NULL, NULL, 0), ADPHOTO_NULL_POINTER, "adphoto_job_apply(job NULL)");
    expect(adphoto_job_apply(NULL, (const uint8_t *)"{}", 2), ADPHOTO_NULL_POINTER,
           "adphoto_job_apply(job NULL, \"{}\")");
    expect(adphoto_job_cancel(NULL), ADPHOTO_NULL_POINTER, "adphoto_job_cancel(NULL)");

    char *err = last_error();
    check(err && json_long(err, "status") == ADPHOTO_NULL_POINTER && strstr(err, "\"message\""),
          "adphoto_last_error after a NULL: status 10 with a message (%s)", err ? err : "none");
    free(err);
}

static void test_too_large(void)
{
    static const uint8_t small[16] = "{\"a\":1}";
    uint8_t *out = NULL, *info = NULL;
    size_t out_len = 0, info_len = 0;
    const size_t image_limit = (size_t)256 << 20;
    const size_t json_limit = (size_t)64 << 20;

    /* A 16-byte buffer with a huge length: refused before a byte is read (valgrind would
       report an invalid read otherwise). */
    expect(adphoto_convert(small, SIZE_MAX, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_TOO_LARGE,
           "adphoto_convert(image_len SIZE_MAX)");
#if SIZE_MAX > 0xFFFFFFFFu
    expect(adphoto_convert(small, (size_t)1 << 40, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_TOO_LARGE,
           "adphoto_convert(image_len 1<<40)");
#endif
    expect(adphoto_convert(small, image_limit + 1, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_TOO_LARGE,
           "adphoto_convert(image_len 256 MiB + 1)");
    expect(adphoto_convert(small, sizeof small, small, SIZE_MAX, &out, &out_len, &info, &info_len),
           ADPHOTO_TOO_LARGE, "adphoto_convert(options_len SIZE_MAX)");
    expect(adphoto_convert(small, sizeof small, small, json_limit + 1, &out, &out_len, &info, &info_len),
           ADPHOTO_TOO_LARGE, "adphoto_convert(options_len 64 MiB + 1)");
    check(out == NULL && info == NULL, "no buffers after TOO_LARGE");

    adphoto_job *job = NULL;
    expect(adphoto_job_start(small, SIZE_MAX, &job), ADPHOTO_TOO_LARGE, "adphoto_job_start(request_len SIZE_MAX)");
#if SIZE_MAX > 0xFFFFFFFFu
    expect(adphoto_job_start(small, (size_t)1 << 40, &job), ADPHOTO_TOO_LARGE, "adphoto_job_start(request_len 1<<40)");
#endif
    expect(adphoto_job_start(small, json_limit + 1, &job), ADPHOTO_TOO_LARGE,
           "adphoto_job_start(request_len 64 MiB + 1)");
    check(job == NULL, "no job after TOO_LARGE");

    char *err = last_error();
    check(err && json_long(err, "status") == ADPHOTO_TOO_LARGE, "adphoto_last_error after TOO_LARGE: status 13 (%s)",
          err ? err : "none");
    free(err);
}

static void test_invalid_text(void)
{
    static const uint8_t image[4] = {0xFF, 0xD8, 0xFF, 0xD9};
    uint8_t *out = NULL, *info = NULL;
    size_t out_len = 0, info_len = 0;
    adphoto_job *job = NULL;
    struct {
        const char *text;
        const char *name;
    } bad_utf8[] = {
        {"{\"task\": \"match\xff\"}", "byte 0xFF"},
        {"{\"task\": \"m\xc3\x28\"}", "a broken 2-byte sequence"},
        {"{\"task\": \"\xc0\xaf\"}", "an overlong '/'"},
        {"{\"task\": \"\xed\xa0\x80\"}", "a UTF-16 surrogate"},
        {"{\"task\": \"\xe2\x82", "a truncated 3-byte sequence at the end"},
        {"{\"task\": \"\xf4\x90\x80\x80\"}", "a code point above U+10FFFF"},
    };
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
        const char *t = bad_utf8[i].text;
        char *what = format("adphoto_job_start(%s)", bad_utf8[i].name);
        expect(adphoto_job_start((const uint8_t *)t, strlen(t), &job), ADPHOTO_INVALID_UTF8, what);
        free(what);
        what = format("adphoto_convert(options with %s)", bad_utf8[i].name);
        expect(adphoto_convert(image, sizeof image, (const uint8_t *)t, strlen(t), &out, &out_len, &info, &info_len),
               ADPHOTO_INVALID_UTF8, what);
        free(what);
    }
    /* A NUL inside the (pointer, length) text is not the end of it. */
    static const char with_nul[] = "{\"task\": \"match\"}\0garbage";
    expect(adphoto_job_start((const uint8_t *)with_nul, sizeof with_nul - 1, &job), ADPHOTO_INVALID_REQUEST,
           "adphoto_job_start(JSON, NUL, garbage): the length counts, not the NUL");

    const char *bad_json[] = {
        "{", "", "null", "[]", "42", "{\"task\": 7}", "{\"task\": \"teleport\"}", "{\"users\": {}}",
        "{\"task\": \"match\", \"fotos\": []}",
        "{\"task\": \"match\", \"users\": {\"type\": \"carrier-pigeon\"}}",
        "{\"task\": \"set\", \"mode\": \"maybe\"}",
    };
    for (size_t i = 0; i < sizeof bad_json / sizeof bad_json[0]; i++) {
        char *what = format("adphoto_job_start(%s)", bad_json[i][0] ? bad_json[i] : "empty text");
        expect(adphoto_job_start((const uint8_t *)(bad_json[i][0] ? bad_json[i] : "x"), strlen(bad_json[i]), &job),
               ADPHOTO_INVALID_REQUEST, what);
        free(what);
    }
    check(job == NULL, "no job from any invalid request");
    char *err = last_error();
    check(err && json_long(err, "status") == ADPHOTO_INVALID_REQUEST && strstr(err, "\"kind\"") &&
              strstr(err, "\"message\""),
          "adphoto_last_error after an invalid request: {status 12, kind, message} (%s)", err ? err : "none");
    free(err);

    const char *bad_options[] = {"{", "{\"colour\": \"blue\"}", "{\"quality\": \"high\"}", "{\"preset\": \"huge\"}",
                                 "{\"sizes\": \"96\"}", "[1, 2]"};
    for (size_t i = 0; i < sizeof bad_options / sizeof bad_options[0]; i++) {
        char *what = format("adphoto_convert(options %s)", bad_options[i]);
        expect(adphoto_convert(image, sizeof image, (const uint8_t *)bad_options[i], strlen(bad_options[i]), &out,
                               &out_len, &info, &info_len),
               ADPHOTO_INVALID_REQUEST, what);
        free(what);
    }
    check(out == NULL && info == NULL, "no buffers after invalid options");
}

/* The outputs in info_json cover `photos` exactly, each a JPEG. */
static void check_outputs(const char *what, const uint8_t *photos, size_t photos_len, const char *info,
                          int expected_outputs)
{
    int outputs = 0;
    size_t covered = 0;
    bool ok = true;
    char *array = json_compound(info, "outputs");
    const char *p = array ? array + 1 : NULL;
    while (ok && p && (p = strchr(p, '{')) != NULL) {
        const char *end = json_close(p);
        if (!end) {
            ok = false;
            break;
        }
        size_t n = (size_t)(end - p) + 1;
        char *object = malloc(n + 1);
        memcpy(object, p, n);
        object[n] = '\0';
        long offset = json_long(object, "offset");
        long length = json_long(object, "length");
        free(object);
        p = end + 1;
        if (offset < 0 || length <= 4 || (size_t)offset != covered || covered + (size_t)length > photos_len) {
            ok = false;
            break;
        }
        const uint8_t *j = photos + offset;
        if (j[0] != 0xFF || j[1] != 0xD8 || j[length - 2] != 0xFF || j[length - 1] != 0xD9) {
            ok = false;
            break;
        }
        covered += (size_t)length;
        outputs++;
    }
    free(array);
    check(ok && outputs == expected_outputs && covered == photos_len,
          "%s: %d JPEG(s) covering all %zu bytes, each SOI..EOI (%s)", what, outputs, photos_len, info);
}

static void test_convert(void)
{
    char *path = join(root, "rust/examples/photos/jsmith.jpg");
    size_t len = 0;
    uint8_t *jpeg = read_file(path, &len);
    free(path);

    uint8_t *out = NULL, *info = NULL;
    size_t out_len = 0, info_len = 0;
    const char *options = "{\"sizes\": [96, 648], \"quality\": 85}";
    if (expect(adphoto_convert(jpeg, len, (const uint8_t *)options, strlen(options), &out, &out_len, &info, &info_len),
               ADPHOTO_OK, "adphoto_convert(jsmith.jpg, sizes 96 and 648)")) {
        char *text = copy_text(info, info_len);
        check(out && out_len > 4 && out[0] == 0xFF && out[1] == 0xD8, "the output starts with a JPEG SOI marker");
        char *source = json_compound(text, "source");
        check(source && json_is(source, "format", "jpeg") && json_long(source, "width") == 900 &&
                  json_long(source, "height") == 1200,
              "info_json: source jpeg 900x1200 (%s)", source ? source : "no source");
        free(source);
        check_outputs("jsmith.jpg", out, out_len, text, 2);
        free(text);
        adphoto_free(out, out_len);
        adphoto_free(info, info_len);
    }

    /* Defaults: NULL options. */
    out = info = NULL;
    if (expect(adphoto_convert(jpeg, len, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_OK,
               "adphoto_convert(jsmith.jpg, NULL options)")) {
        char *text = copy_text(info, info_len);
        check(out_len <= 102400, "default output fits thumbnailPhoto (%zu bytes)", out_len);
        check_outputs("jsmith.jpg with defaults", out, out_len, text, 1);
        free(text);
        adphoto_free(out, out_len);
        adphoto_free(info, info_len);
    }

    /* A PNG. */
    path = join(root, "rust/examples/photos/Priya.Patel.png");
    size_t png_len = 0;
    uint8_t *png = read_file(path, &png_len);
    free(path);
    out = info = NULL;
    const char *pad = "{\"sizes\": [64], \"fit\": \"pad\"}";
    if (expect(adphoto_convert(png, png_len, (const uint8_t *)pad, strlen(pad), &out, &out_len, &info, &info_len),
               ADPHOTO_OK, "adphoto_convert(Priya.Patel.png, fit pad)")) {
        char *text = copy_text(info, info_len);
        char *source = json_compound(text, "source");
        check(source && json_is(source, "format", "png"), "info_json: source png (%s)", source ? source : "no source");
        free(source);
        check_outputs("Priya.Patel.png", out, out_len, text, 1);
        free(text);
        adphoto_free(out, out_len);
        adphoto_free(info, info_len);
    }
    free(png);

    /* Failures: corrupt bytes, a truncated JPEG, HEIC. Out-parameters stay untouched. */
    uint8_t *sentinel = (uint8_t *)0x1;
    out = info = sentinel;
    out_len = info_len = 777;
    expect(adphoto_convert(jpeg, 300, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_FAILED,
           "adphoto_convert(truncated JPEG)");
    char *err = last_error();
    check(err && json_is(err, "kind", "corrupt-image") && json_long(err, "status") == ADPHOTO_FAILED,
          "adphoto_last_error: status 20, kind corrupt-image (%s)", err ? err : "none");
    free(err);
    check(out == sentinel && info == sentinel && out_len == 777 && info_len == 777,
          "adphoto_convert writes no out-parameter on ADPHOTO_FAILED");

    uint8_t noise[2048];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof noise; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise[i] = (uint8_t)x;
    }
    expect(adphoto_convert(noise, sizeof noise, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_FAILED,
           "adphoto_convert(random bytes)");
    err = last_error();
    char kind[64] = "";
    check(err && json_member(err, "kind", kind, sizeof kind) && kind[0], "random bytes: a kind (%s)", err ? err : "none");
    free(err);

    path = join(root, "rust/examples/photos/cdiaz.heic");
    size_t heic_len = 0;
    uint8_t *heic = read_file(path, &heic_len);
    free(path);
    expect(adphoto_convert(heic, heic_len, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_FAILED,
           "adphoto_convert(HEIC)");
    err = last_error();
    /* The example's HEIC is a header with nothing behind it: corrupt where libheif reads
       HEIC (the default build), unsupported where the library is built without it. */
    check(err && ((json_is(err, "kind", "corrupt-image") && strstr(err, "heic") != NULL) ||
                  (json_is(err, "kind", "unsupported-format") && strstr(err, "HEIC") != NULL)),
          "HEIC: corrupt-image naming heic, or unsupported-format naming HEIC (%s)", err ? err : "none");
    free(err);
    free(heic);

    const char *tiny = "{\"max_pixels\": 100}";
    expect(adphoto_convert(jpeg, len, (const uint8_t *)tiny, strlen(tiny), &out, &out_len, &info, &info_len),
           ADPHOTO_FAILED, "adphoto_convert(max_pixels 100)");
    err = last_error();
    check(err && json_is(err, "kind", "too-many-pixels"), "max_pixels: kind too-many-pixels (%s)", err ? err : "none");
    free(err);

    /* Last, as it may spoil this thread's decoder: a JPEG header followed by junk, then a good
       JPEG on the same thread. */
    uint8_t junk[2000];
    junk[0] = 0xFF;
    junk[1] = 0xD8;
    junk[2] = 0xFF;
    for (size_t i = 3; i < sizeof junk; i++) {
        junk[i] = (uint8_t)(i * 31);
    }
    expect(adphoto_convert(junk, sizeof junk, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_FAILED,
           "adphoto_convert(JPEG marker then junk)");
    out = info = NULL;
    if (expect(adphoto_convert(jpeg, len, NULL, 0, &out, &out_len, &info, &info_len), ADPHOTO_OK,
               "adphoto_convert(jsmith.jpg) on the same thread after the junk JPEG")) {
        adphoto_free(out, out_len);
        adphoto_free(info, info_len);
    }
    free(jpeg);
}

/* Last errors are per thread. */
struct thread_result {
    long status_seen;
    char kind[64];
};

/* A thread that has not failed: status 0, kind "none". */
static void *fresh_thread(void *arg)
{
    struct thread_result *r = arg;
    char *err = last_error();
    r->status_seen = err ? json_long(err, "status") : -1;
    if (!err || !json_member(err, "kind", r->kind, sizeof r->kind)) {
        r->kind[0] = '\0';
    }
    free(err);
    return NULL;
}

static void *fail_on_thread(void *arg)
{
    struct thread_result *r = arg;
    static const uint8_t junk[32] = {1, 2, 3};
    uint8_t *out = NULL, *info = NULL;
    size_t out_len = 0, info_len = 0;
    adphoto_convert(junk, sizeof junk, NULL, 0, &out, &out_len, &info, &info_len);
    char *err = last_error();
    r->status_seen = err ? json_long(err, "status") : -1;
    if (!err || !json_member(err, "kind", r->kind, sizeof r->kind)) {
        r->kind[0] = '\0';
    }
    free(err);
    return NULL;
}

static void test_threads(void)
{
    adphoto_job *job = NULL;
    expect(adphoto_job_start((const uint8_t *)"{", 1, &job), ADPHOTO_INVALID_REQUEST, "main thread: adphoto_job_start(\"{\")");
    struct thread_result r;
    memset(&r, 0, sizeof r);
    pthread_t t;
    if (pthread_create(&t, NULL, fail_on_thread, &r) != 0) {
        check(false, "pthread_create");
        return;
    }
    pthread_join(t, NULL);
    check(r.status_seen == ADPHOTO_FAILED && strcmp(r.kind, "") != 0, "another thread sees its own last error (status %ld, kind %s)",
          r.status_seen, r.kind);
    char *err = last_error();
    check(err && json_long(err, "status") == ADPHOTO_INVALID_REQUEST,
          "the main thread's last error is still its own (%s)", err ? err : "none");
    free(err);

    memset(&r, 0, sizeof r);
    if (pthread_create(&t, NULL, fresh_thread, &r) != 0) {
        check(false, "pthread_create");
        return;
    }
    pthread_join(t, NULL);
    check(r.status_seen == 0 && strcmp(r.kind, "none") == 0,
          "a thread with no failure: last error has status 0, kind none (status %ld, kind '%s')", r.status_seen, r.kind);
}

static char *quoted(const char *s)
{
    /* JSON string for a path (no control characters in the paths used here). */
    size_t n = strlen(s);
    char *q = malloc(2 * n + 3);
    size_t k = 0;
    q[k++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            q[k++] = '\\';
        }
        q[k++] = s[i];
    }
    q[k++] = '"';
    q[k] = '\0';
    return q;
}

static char *set_request(const char *users_csv, const char *photos, const char *ldif, const char *run, const char *extra)
{
    /* Every conversion is done afresh ("no_cache") unless `extra` asks for the cache. */
    char *u = quoted(users_csv), *p = quoted(photos), *l = quoted(ldif), *r = quoted(run);
    char *s = format("{\"task\": \"set\", \"users\": {\"type\": \"csv\", \"path\": %s}, \"photos\": [%s], "
                     "\"target\": {\"type\": \"ldif\", \"path\": %s}, \"run_folder\": %s%s%s}",
                     u, p, l, r, extra && strstr(extra, "no_cache") ? "" : ", \"no_cache\": true", extra ? extra : "");
    free(u);
    free(p);
    free(l);
    free(r);
    return s;
}

static void test_match_job(void)
{
    char *users = join(root, "rust/examples/users.csv");
    char *photos = join(root, "rust/examples/photos");
    char *u = quoted(users), *p = quoted(photos);
    char *request = format("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": %s}, \"photos\": [%s]}", u, p);
    free(u);
    free(p);

    adphoto_job *job = start(request, "adphoto_job_start(match over rust/examples)");
    if (job) {
        uint8_t *ev = NULL;
        size_t ev_len = 0;
        expect(adphoto_job_next(job, 0, NULL, &ev_len), ADPHOTO_NULL_POINTER, "adphoto_job_next(event_json NULL)");
        expect(adphoto_job_next(job, 0, &ev, NULL), ADPHOTO_NULL_POINTER, "adphoto_job_next(event_len NULL)");
        expect(adphoto_job_apply(job, NULL, 0), ADPHOTO_INVALID_STATE, "adphoto_job_apply on a match job");

        events e = {0};
        bool done = pull(job, &e, NULL, "match job");
        check(done, "the match job ends with ADPHOTO_DONE");
        check(events_count(&e, "event", "match") == 11, "11 match events (9 files, 2 users without one): %d",
              events_count(&e, "event", "match"));
        check(events_count(&e, "match", "matched") == 8, "8 files matched: %d", events_count(&e, "match", "matched"));
        check(json_is(events_last(&e), "event", "done") && json_is(events_last(&e), "status", "ok"),
              "the last event is done/ok: %s", events_last(&e));
        bool jose = false;
        for (size_t i = 0; i < e.count; i++) {
            if (strstr(e.items[i], "Jos\xc3\xa9.Garc\xc3\xad" "a 648x648.jpg") && json_is(e.items[i], "user", "jgarcia")) {
                jose = true;
            }
        }
        check(jose, "'Jos\xc3\xa9.Garc\xc3\xad" "a 648x648.jpg' matched jgarcia, UTF-8 intact");
        events_clear(&e);

        ev = (uint8_t *)0x1;
        expect(adphoto_job_next(job, 0, &ev, &ev_len), ADPHOTO_DONE, "adphoto_job_next after done");
        expect(adphoto_job_next(job, 100, &ev, &ev_len), ADPHOTO_DONE, "adphoto_job_next after done, again");
        check(ev == (uint8_t *)0x1, "ADPHOTO_DONE writes no event");
        expect(adphoto_job_cancel(job), ADPHOTO_OK, "adphoto_job_cancel after done");
        expect(adphoto_job_apply(job, NULL, 0), ADPHOTO_INVALID_STATE, "adphoto_job_apply after done");
        adphoto_job_free(job);
        check(true, "adphoto_job_free after done");
    }

    /* Started and freed at once, never pulled. */
    job = start(request, "adphoto_job_start(match, to be freed unpulled)");
    if (job) {
        adphoto_job_free(job);
        check(true, "adphoto_job_free of a job nobody pulled from");
    }

    /* A job-level failure arrives in done. */
    char *missing = join(scratch, "no-such-users.csv");
    char *m = quoted(missing);
    char *bad = format("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": %s}, \"photos\": []}", m);
    job = start(bad, "adphoto_job_start(match with a missing CSV)");
    if (job) {
        events e = {0};
        pull(job, &e, NULL, "match with a missing CSV");
        const char *last = events_last(&e);
        check(json_is(last, "event", "done") && json_is(last, "status", "failed") && strstr(last, "\"error\"") &&
                  strstr(last, "\"message\""),
              "a missing users CSV ends done/failed with an error: %s", last);
        events_clear(&e);
        adphoto_job_free(job);
    }
    free(missing);
    free(m);
    free(bad);
    free(request);
    free(users);
    free(photos);
}

static void test_set_ldif(void)
{
    char *users = join(root, "rust/examples/users.csv");
    char *photos = join(root, "rust/examples/photos");
    char *ldif = join(scratch, "set.ldif");
    char *run = join(scratch, "run-set");
    char *request = set_request(users, photos, ldif, run, NULL);

    adphoto_job *job = start(request, "adphoto_job_start(set to LDIF)");
    if (job) {
        events e = {0};
        check(pull(job, &e, NULL, "set to LDIF"), "the set job ends with ADPHOTO_DONE");
        check(json_is(events_last(&e), "event", "done") && json_is(events_last(&e), "status", "ok"),
              "set to LDIF: done/ok: %s", events_last(&e));
        check(events_count(&e, "event", "planned") == 1, "set to LDIF: one planned event");
        check(events_count(&e, "status", "written") == 7, "set to LDIF: 7 items written (%d)",
              events_count(&e, "status", "written"));
        events_clear(&e);
        adphoto_job_free(job);
        if (check(file_exists(ldif), "the LDIF exists: %s", ldif)) {
            size_t n = 0;
            uint8_t *bytes = read_file(ldif, &n);
            char *text = copy_text(bytes, n);
            free(bytes);
            check(count_of(text, "dn: ") + count_of(text, "dn:: ") == 7 && strstr(text, "thumbnailPhoto:: /9j/"),
                  "the LDIF has 7 entries with base64 JPEG thumbnailPhoto");
            free(text);
        }
    }
    free(request);
    free(users);
    free(photos);
    free(ldif);
    free(run);
}

static void test_confirm(void)
{
    char *users = join(root, "rust/examples/users.csv");
    char *photos = join(root, "rust/examples/photos");
    char *ldif = join(scratch, "confirm.ldif");
    char *run = join(scratch, "run-confirm");
    char *request = set_request(users, photos, ldif, run, ", \"mode\": \"confirm\"");

    adphoto_job *job = start(request, "adphoto_job_start(set, mode confirm)");
    if (job) {
        events e = {0};
        bool ended = pull(job, &e, "planned", "confirm: plan");
        check(!ended && json_is(events_last(&e), "event", "planned"), "confirm: the plan ends with planned");
        /* The first planned write's id. */
        long first_id = -1;
        for (size_t i = 0; i < e.count && first_id < 0; i++) {
            if (json_is(e.items[i], "event", "item") && json_is(e.items[i], "action", "write")) {
                first_id = json_long(e.items[i], "id");
            }
        }
        check(first_id >= 0, "confirm: a planned write has an id (%ld)", first_id);
        events_clear(&e);

        uint8_t *ev = NULL;
        size_t ev_len = 0;
        expect(adphoto_job_next(job, 300, &ev, &ev_len), ADPHOTO_PENDING, "confirm: adphoto_job_next while waiting for apply");
        check(!file_exists(ldif) || file_size(ldif) == 0, "confirm: nothing written before apply");

        static const uint8_t small[8] = "{}";
        expect(adphoto_job_apply(job, small, SIZE_MAX), ADPHOTO_TOO_LARGE, "adphoto_job_apply(selection_len SIZE_MAX)");
        expect(adphoto_job_apply(job, small, ((size_t)64 << 20) + 1), ADPHOTO_TOO_LARGE,
               "adphoto_job_apply(selection_len 64 MiB + 1)");
        expect(adphoto_job_apply(job, NULL, 5), ADPHOTO_NULL_POINTER, "adphoto_job_apply(selection NULL, 5)");
        const char *bad_utf8 = "{\"items\": [\"\xff\"]}";
        expect(adphoto_job_apply(job, (const uint8_t *)bad_utf8, strlen(bad_utf8)), ADPHOTO_INVALID_UTF8,
               "adphoto_job_apply(invalid UTF-8)");
        expect(adphoto_job_apply(job, (const uint8_t *)"{", 1), ADPHOTO_INVALID_REQUEST, "adphoto_job_apply(\"{\")");
        const char *unknown = "{\"itemz\": [1]}";
        expect(adphoto_job_apply(job, (const uint8_t *)unknown, strlen(unknown)), ADPHOTO_INVALID_REQUEST,
               "adphoto_job_apply(unknown field)");

        char *selection = format("{\"items\": [%ld]}", first_id);
        expect(adphoto_job_apply(job, (const uint8_t *)selection, strlen(selection)), ADPHOTO_OK,
               "adphoto_job_apply(one item)");
        free(selection);
        expect(adphoto_job_apply(job, NULL, 0), ADPHOTO_INVALID_STATE, "adphoto_job_apply a second time");
        check(pull(job, &e, NULL, "confirm: apply"), "confirm: the job ends with ADPHOTO_DONE");
        check(events_count(&e, "status", "written") == 1, "confirm: exactly the selected item is written (%d)",
              events_count(&e, "status", "written"));
        check(json_is(events_last(&e), "event", "done") && json_is(events_last(&e), "status", "ok"),
              "confirm: done/ok: %s", events_last(&e));
        events_clear(&e);
        adphoto_job_free(job);
        if (check(file_exists(ldif), "confirm: the LDIF exists")) {
            size_t n = 0;
            uint8_t *bytes = read_file(ldif, &n);
            char *text = copy_text(bytes, n);
            free(bytes);
            check(count_of(text, "dn: ") + count_of(text, "dn:: ") == 1, "confirm: the LDIF has the one selected entry");
            free(text);
        }
    }
    free(request);
    free(ldif);
    free(run);

    /* Apply at once after reading planned, as a script with -Confirm:$false would. */
    int accepted = 0, runs = 10;
    for (int i = 0; i < runs; i++) {
        char name[32];
        snprintf(name, sizeof name, "race%d.ldif", i);
        ldif = join(scratch, name);
        snprintf(name, sizeof name, "run-race%d", i);
        run = join(scratch, name);
        /* The conversion cache keeps the repeated plans quick (under valgrind too). */
        request = set_request(users, photos, ldif, run, ", \"mode\": \"confirm\", \"no_cache\": false");
        job = start(request, "adphoto_job_start(set, confirm, apply at once)");
        if (job) {
            events e = {0};
            pull(job, &e, "planned", "confirm race: plan");
            events_clear(&e);
            adphoto_status s = adphoto_job_apply(job, NULL, 0);
            if (s == ADPHOTO_OK) {
                accepted++;
                pull(job, &e, NULL, "confirm race: apply");
                events_clear(&e);
            }
            adphoto_job_free(job);
        }
        free(request);
        free(ldif);
        free(run);
    }
    check(accepted == runs, "adphoto_job_apply right after reading planned is accepted (%d/%d runs)", accepted, runs);

    /* Freed while waiting for apply: nothing is written. */
    ldif = join(scratch, "confirm-freed.ldif");
    run = join(scratch, "run-confirm-freed");
    request = set_request(users, photos, ldif, run, ", \"mode\": \"confirm\"");
    job = start(request, "adphoto_job_start(set, confirm, to be freed)");
    if (job) {
        events e = {0};
        pull(job, &e, "planned", "confirm then free: plan");
        events_clear(&e);
        adphoto_job_free(job);
        check(!file_exists(ldif) || file_size(ldif) == 0, "confirm then adphoto_job_free writes nothing");
    }
    free(request);
    free(ldif);
    free(run);
    free(users);
    free(photos);
}

static void test_cancel(void)
{
    /* 200 users with a 900x1200 photo each: long enough to cancel midway. */
    char *folder = join(scratch, "many");
    char *photos = join(folder, "photos");
    make_folder(folder);
    make_folder(photos);
    char *src = join(root, "rust/examples/photos/Anne.Wallace.jpg");
    size_t jpeg_len = 0;
    uint8_t *jpeg = read_file(src, &jpeg_len);
    free(src);
    char *csv_path = join(folder, "users.csv");
    FILE *csv = fopen(csv_path, "w");
    if (!csv) {
        perror(csv_path);
        exit(2);
    }
    fputs("\"DistinguishedName\",\"SamAccountName\",\"UserPrincipalName\",\"GivenName\",\"Surname\",\"mail\","
          "\"EmployeeID\",\"ObjectGUID\"\n",
          csv);
    const int users = 200;
    for (int i = 0; i < users; i++) {
        fprintf(csv, "\"CN=User %d,OU=Many,DC=example,DC=edu\",\"user%03d\",\"user%03d@example.edu\",\"User\",\"N%d\","
                     "\"user%03d@mail.example.edu\",\"E%d\",\"6f1b2c3d-0000-4a5b-8c9d-%012d\"\n",
                i, i, i, i, i, 70000 + i, i);
        char name[32];
        snprintf(name, sizeof name, "user%03d.jpg", i);
        char *p = join(photos, name);
        write_file(p, jpeg, jpeg_len);
        free(p);
    }
    fclose(csv);
    free(jpeg);

    char *ldif = join(folder, "many.ldif");
    char *run = join(folder, "run");
    char *request = set_request(csv_path, photos, ldif, run, ", \"workers\": 2");
    adphoto_job *job = start(request, "adphoto_job_start(set, 200 users, to cancel)");
    if (job) {
        events e = {0};
        /* Cancel as soon as the first conversion is reported. */
        pull(job, &e, "progress", "cancel: first progress");
        expect(adphoto_job_cancel(job), ADPHOTO_OK, "adphoto_job_cancel mid-job");
        expect(adphoto_job_cancel(job), ADPHOTO_OK, "adphoto_job_cancel again");
        check(pull(job, &e, NULL, "cancel: drain"), "the cancelled job still ends with ADPHOTO_DONE");
        check(json_is(events_last(&e), "event", "done") && json_is(events_last(&e), "status", "cancelled"),
              "the cancelled job's done says cancelled: %s", events_last(&e));
        check(events_count(&e, "event", "progress") < users,
              "the cancelled job stopped converting early (%d of %d conversions reported)",
              events_count(&e, "event", "progress"), users);
        check(events_count(&e, "status", "written") == 0, "the cancelled job wrote nothing");
        events_clear(&e);
        adphoto_job_free(job);
    }
    free(request);
    free(ldif);
    free(run);

    /* Freed in the middle of the run: adphoto_job_free cancels and joins. */
    ldif = join(folder, "many-freed.ldif");
    run = join(folder, "run-freed");
    request = set_request(csv_path, photos, ldif, run, ", \"workers\": 2");
    job = start(request, "adphoto_job_start(set, 200 users, to free midway)");
    if (job) {
        events e = {0};
        pull(job, &e, "progress", "free midway: first progress");
        double t = now_seconds();
        adphoto_job_free(job);
        check(true, "adphoto_job_free of a running job returns (%.1f s)", now_seconds() - t);
        events_clear(&e);
    }
    free(request);
    free(ldif);
    free(run);
    free(csv_path);
    free(photos);
    free(folder);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s <repository root> <scratch folder>\n", argv[0]);
        return 2;
    }
    root = argv[1];
    scratch = argv[2];
    const char *deadline = getenv("ADPHOTO_ABI_TEST_DEADLINE");
    if (deadline) {
        job_deadline_seconds = atof(deadline);
    }
#ifdef _WIN32
    /* The Windows C runtime has no line buffering (_IOLBF is full buffering there). */
    setvbuf(stdout, NULL, _IONBF, 0);
#else
    setvbuf(stdout, NULL, _IOLBF, 0);
#endif

    puts("# versions and free");
    test_versions();
    test_free();
    puts("# NULL pointers");
    test_null_pointers();
    puts("# lengths over the limits");
    test_too_large();
    puts("# invalid UTF-8 and invalid JSON");
    test_invalid_text();
    puts("# convert");
    test_convert();
    puts("# per-thread last error");
    test_threads();
    puts("# match job");
    test_match_job();
    puts("# set to LDIF");
    test_set_ldif();
    puts("# confirm and apply");
    test_confirm();
    puts("# cancel");
    test_cancel();

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
