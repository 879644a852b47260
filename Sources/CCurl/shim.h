#ifndef HANDOFF_CCURL_SHIM_H
#define HANDOFF_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
// Each helper below fixes one argument type, so the compiler checks what we pass.

static inline CURLcode handoff_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode handoff_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode handoff_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode handoff_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode handoff_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*handoff_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode handoff_curl_setopt_callback(CURL *handle, CURLoption option, handoff_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

typedef int (*handoff_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);

static inline CURLcode handoff_curl_setopt_debug(CURL *handle, handoff_curl_debug_callback value) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}

// struct curl_blob is passed by address; CURL_BLOB_COPY makes libcurl keep its own copy,
// so the caller's bytes need not outlive the call.
static inline CURLcode handoff_curl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(handle, option, &blob);
}

// Debian's libcurl 7.88 spells this option with three Ls (renamed in 8.2); one name for Swift.
static inline CURLoption handoff_curlopt_mail_rcpt_allowfails(void) {
#ifdef CURLOPT_MAIL_RCPT_ALLOWFAILS
    return CURLOPT_MAIL_RCPT_ALLOWFAILS;
#else
    return CURLOPT_MAIL_RCPT_ALLLOWFAILS;
#endif
}

static inline CURLcode handoff_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode handoff_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

// CURLINFO_ACTIVESOCKET wants a curl_socket_t *, not a long *: its own helper.
static inline CURLcode handoff_curl_getinfo_socket(CURL *handle, curl_socket_t *value) {
    return curl_easy_getinfo(handle, CURLINFO_ACTIVESOCKET, value);
}

#endif
