import CGMime

/// The media type of a part, lowercase, from its parsed Content-Type (GMime gives
/// text/plain to a part without one, as RFC 2045 says).
struct PartType {
    var type: String
    var subtype: String

    var full: String { type + "/" + subtype }

    static func of(_ object: UnsafeMutablePointer<GMimeObject>) -> PartType {
        guard let contentType = g_mime_object_get_content_type(object) else {
            return PartType(type: "text", subtype: "plain")
        }
        let type = g_mime_content_type_get_media_type(contentType).map { String(cString: $0).lowercased() } ?? "application"
        let subtype = g_mime_content_type_get_media_subtype(contentType).map { String(cString: $0).lowercased() } ?? "octet-stream"
        return PartType(type: type, subtype: subtype)
    }
}
