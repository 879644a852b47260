import Foundation
import HandoffCore
import HandoffStore

/// A request as `requests list --json` and `requests show --json` print it (the shape the
/// issue fixed: snake_case keys, `project` null while unmatched, paths relative to the data
/// folder).
public struct RequestView: Sendable, Codable, Equatable {
    public var id: String
    public var project: String?
    public var state: String
    public var from: String?
    public var fromName: String?
    public var subject: String?
    public var messageId: String?
    public var received: Date
    public var closed: Date?
    public var messages: [Message]

    public struct Message: Sendable, Codable, Equatable {
        public var messageId: String?
        public var from: String
        public var fromName: String?
        public var subject: String?
        public var date: Date?
        public var received: Date
        public var text: String
        public var headersOnly: Bool
        public var defects: [String]
        public var attachments: [Attachment]

        enum CodingKeys: String, CodingKey {
            case messageId = "message_id", from, fromName = "from_name", subject, date, received, text
            case headersOnly = "headers_only", defects, attachments
        }

        public func encode(to encoder: any Encoder) throws {
            var keys = encoder.container(keyedBy: CodingKeys.self)
            try keys.encode(messageId, forKey: .messageId)
            try keys.encode(from, forKey: .from)
            try keys.encode(fromName, forKey: .fromName)
            try keys.encode(subject, forKey: .subject)
            try keys.encode(date, forKey: .date)
            try keys.encode(received, forKey: .received)
            try keys.encode(text, forKey: .text)
            try keys.encode(headersOnly, forKey: .headersOnly)
            try keys.encode(defects, forKey: .defects)
            try keys.encode(attachments, forKey: .attachments)
        }
    }

    public struct Attachment: Sendable, Codable, Equatable {
        /// As saved on disk.
        public var name: String
        public var originalName: String?
        public var contentType: String
        public var size: Int64
        public var sha256: String
        public var inline: Bool
        /// Relative to the data folder.
        public var path: String?

        enum CodingKeys: String, CodingKey {
            case name, originalName = "original_name", contentType = "content_type", size, sha256, inline, path
        }

        public func encode(to encoder: any Encoder) throws {
            var keys = encoder.container(keyedBy: CodingKeys.self)
            try keys.encode(name, forKey: .name)
            try keys.encode(originalName, forKey: .originalName)
            try keys.encode(contentType, forKey: .contentType)
            try keys.encode(size, forKey: .size)
            try keys.encode(sha256, forKey: .sha256)
            try keys.encode(inline, forKey: .inline)
            try keys.encode(path, forKey: .path)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, project, state, from, fromName = "from_name", subject, messageId = "message_id", received, closed, messages
    }

    /// Every key is written, absent values as null: a script reads `project: null` as
    /// "unmatched" instead of guessing from a missing key.
    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(id, forKey: .id)
        try keys.encode(project, forKey: .project)
        try keys.encode(state, forKey: .state)
        try keys.encode(from, forKey: .from)
        try keys.encode(fromName, forKey: .fromName)
        try keys.encode(subject, forKey: .subject)
        try keys.encode(messageId, forKey: .messageId)
        try keys.encode(received, forKey: .received)
        try keys.encode(closed, forKey: .closed)
        try keys.encode(messages, forKey: .messages)
    }

    public init(_ detail: RequestDetail) {
        let summary = detail.summary
        id = summary.id
        project = summary.project?.rawValue
        state = summary.state.rawValue
        from = summary.from
        fromName = summary.fromName
        subject = summary.subject
        messageId = summary.messageID
        received = summary.receivedAt
        closed = summary.closedAt
        messages = detail.messages.map { message in
            Message(
                messageId: message.messageID, from: message.from, fromName: message.fromName, subject: message.subject, date: message.date,
                received: message.receivedAt, text: message.text, headersOnly: message.headersOnly, defects: message.defects,
                attachments: message.attachments.map { file in
                    Attachment(
                        name: file.savedName, originalName: file.originalName, contentType: file.contentType, size: file.size,
                        sha256: file.sha256, inline: file.inline,
                        path: RequestFolders.relative(project: summary.project, request: summary.id, file: file.savedName))
                })
        }
    }

    public var attachmentCount: Int { messages.reduce(0) { $0 + $1.attachments.count } }
}
