import CGMime
import Foundation

/// Reads the headers of a GMime message into `InboundHeaders`, through GMime's decoding
/// accessors only (RFC 2047 words, address lists, dates, Message-ID lists). Nothing here
/// writes a header back, which is what would reach GMime 3.2.13's parameter-encoding loop.
enum HeaderReader {
    static func headers(of message: UnsafeMutablePointer<GMimeMessage>, options: OpaquePointer) -> InboundHeaders {
        var headers = InboundHeaders()
        headers.from = addresses(g_mime_message_get_from(message))
        headers.sender = addresses(g_mime_message_get_sender(message)).first
        headers.replyTo = addresses(g_mime_message_get_reply_to(message))
        headers.to = addresses(g_mime_message_get_to(message))
        headers.cc = addresses(g_mime_message_get_cc(message))
        headers.subject = g_mime_message_get_subject(message).map { String(cString: $0) }
        headers.messageID = g_mime_message_get_message_id(message).map { String(cString: $0) }.flatMap(nonEmpty)
        if let date = g_mime_message_get_date(message) {
            headers.date = Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(date)))
        }
        let object = handoff_gmime_object(message)
        headers.inReplyTo = messageIDs(in: value(object, "In-Reply-To"), options: options)
        headers.references = messageIDs(in: value(object, "References"), options: options)
        headers.autoSubmitted = value(object, "Auto-Submitted")
        headers.precedence = value(object, "Precedence")
        headers.listID = value(object, "List-Id")
        headers.returnPath = value(object, "Return-Path")
        headers.deliveredTo = allValues(object, "Delivered-To")
        return headers
    }

    /// The first header called `name`, decoded and trimmed; nil when absent or empty.
    static func value(_ object: UnsafeMutablePointer<GMimeObject>?, _ name: String) -> String? {
        g_mime_object_get_header(object, name).map { String(cString: $0) }.flatMap(nonEmpty)
    }

    /// Every header called `name`, in order.
    static func allValues(_ object: UnsafeMutablePointer<GMimeObject>?, _ name: String) -> [String] {
        guard let list = g_mime_object_get_header_list(object) else { return [] }
        var values: [String] = []
        for index in 0..<g_mime_header_list_get_count(list) {
            guard let header = g_mime_header_list_get_header_at(list, index),
                  let headerName = g_mime_header_get_name(header),
                  String(cString: headerName).caseInsensitiveCompare(name) == .orderedSame,
                  let text = g_mime_header_get_value(header).map({ String(cString: $0) }).flatMap(nonEmpty)
            else { continue }
            values.append(text)
        }
        return values
    }

    /// The Message-IDs of an In-Reply-To or References value, without angle brackets.
    static func messageIDs(in text: String?, options: OpaquePointer) -> [String] {
        guard let text, let references = g_mime_references_parse(options, text) else { return [] }
        defer { g_mime_references_free(references) }
        return (0..<g_mime_references_length(references)).compactMap { index in
            g_mime_references_get_message_id(references, index).map { String(cString: $0) }.flatMap(nonEmpty)
        }
    }

    /// The mailboxes of an address list, groups flattened; entries without an address are
    /// skipped (a bare group name says nothing about who wrote).
    static func addresses(_ list: UnsafeMutablePointer<InternetAddressList>?, depth: Int = 0) -> [InboundAddress] {
        guard let list, depth < 4 else { return [] }
        var out: [InboundAddress] = []
        for index in 0..<internet_address_list_length(list) {
            guard let address = internet_address_list_get_address(list, index) else { continue }
            if handoff_address_is_group(address) != 0 {
                out += addresses(internet_address_group_get_members(handoff_address_group(address)), depth: depth + 1)
                continue
            }
            guard handoff_address_is_mailbox(address) != 0,
                  let text = internet_address_mailbox_get_addr(handoff_address_mailbox(address)).map({ String(cString: $0) }).flatMap(nonEmpty)
            else { continue }
            let name = internet_address_get_name(address).map { String(cString: $0) }.flatMap(nonEmpty)
            out.append(InboundAddress(name: name, address: text))
        }
        return out
    }

    /// `text` trimmed, or nil when nothing is left.
    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
