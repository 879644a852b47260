#ifndef HANDOFF_CGMIME_SHIM_H
#define HANDOFF_CGMIME_SHIM_H

#include <gmime/gmime.h>

// GObject's type checks and casts are function-like macros, which Swift cannot call.
// Each helper below wraps one of them, so the Swift side never casts a pointer by hand.

static inline gboolean handoff_gmime_is_message(GMimeObject *object) { return GMIME_IS_MESSAGE(object); }
static inline gboolean handoff_gmime_is_message_part(GMimeObject *object) { return GMIME_IS_MESSAGE_PART(object); }
static inline gboolean handoff_gmime_is_multipart(GMimeObject *object) { return GMIME_IS_MULTIPART(object); }
static inline gboolean handoff_gmime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }
static inline gboolean handoff_gmime_is_text_part(GMimeObject *object) { return GMIME_IS_TEXT_PART(object); }
static inline gboolean handoff_address_is_mailbox(InternetAddress *address) { return INTERNET_ADDRESS_IS_MAILBOX(address); }
static inline gboolean handoff_address_is_group(InternetAddress *address) { return INTERNET_ADDRESS_IS_GROUP(address); }

static inline GMimeMessagePart *handoff_gmime_message_part(GMimeObject *object) { return GMIME_MESSAGE_PART(object); }
static inline GMimeMultipart *handoff_gmime_multipart(GMimeObject *object) { return GMIME_MULTIPART(object); }
static inline GMimePart *handoff_gmime_part(GMimeObject *object) { return GMIME_PART(object); }
static inline InternetAddressMailbox *handoff_address_mailbox(InternetAddress *address) { return INTERNET_ADDRESS_MAILBOX(address); }
static inline InternetAddressGroup *handoff_address_group(InternetAddress *address) { return INTERNET_ADDRESS_GROUP(address); }
static inline GMimeObject *handoff_gmime_object(gpointer object) { return GMIME_OBJECT(object); }
static inline GObject *handoff_gobject(gpointer object) { return G_OBJECT(object); }
static inline const char *handoff_gobject_type_name(gpointer object) { return G_OBJECT_TYPE_NAME(object); }

// iconv_t is an opaque typedef that differs between C libraries; converting in one call
// here keeps it out of Swift. Returns a g_malloc'd UTF-8 string, or NULL when the charset
// is unknown to iconv or the bytes are not valid in it.
static inline char *handoff_gmime_to_utf8(const char *charset, const char *bytes, size_t length) {
    iconv_t cd = g_mime_iconv_open("UTF-8", charset);
    if (cd == (iconv_t) -1) return NULL;
    char *out = g_mime_iconv_strndup(cd, bytes, length);
    g_mime_iconv_close(cd);
    return out;
}

#endif
