import Foundation
import GRDB
import HandoffCore

/// Finding what a reply or a report is about, by the Message-IDs it names.
extension HandoffStore {
    /// The request one of these Message-IDs belongs to: a message of the request, its
    /// first message, or an acknowledgement or delivery sent for it. Requests stored
    /// before requests were numbered have no `RequestID` and are not found here.
    public func requestThreading(messageIDs: [String]) async throws(HandoffError) -> (RequestID, ProjectID?)? {
        let forms = MessageIDForms.both(messageIDs)
        guard !forms.isEmpty else { return nil }
        let marks = databaseQuestionMarks(count: forms.count)
        let statement = """
            SELECT r.id, r.projectId FROM request r WHERE r.id IN (
                SELECT requestId FROM requestMessage WHERE messageId IN (\(marks))
                UNION SELECT id FROM request WHERE messageId IN (\(marks))
                UNION SELECT requestId FROM acknowledgement WHERE messageId IN (\(marks))
                UNION SELECT requestId FROM handoff WHERE requestId IS NOT NULL AND messageId IN (\(marks)))
            ORDER BY r.number
            """
        let arguments = StatementArguments(forms + forms + forms + forms)
        let found = try await read("find the request a reply belongs to") { db in
            try Row.fetchAll(db, sql: statement, arguments: arguments).lazy.compactMap { row -> (RequestID, ProjectID?)? in
                guard let id = RequestID(rawValue: row["id"]) else { return nil }
                return (id, (row["projectId"] as String?).map(ProjectID.init(stored:)))
            }.first
        }
        return found
    }

    /// The handoff sent with this Message-ID, for matching a bounce or read receipt.
    public func handoff(sentAs messageID: String) async throws(HandoffError) -> HandoffID? {
        let forms = MessageIDForms.both([messageID])
        guard !forms.isEmpty else { return nil }
        return try await lookup("find the handoff a report is about") { db in
            try String.fetchOne(db, sql: "SELECT id FROM handoff WHERE messageId IN (?, ?) ORDER BY createdAt LIMIT 1", arguments: StatementArguments(forms))
                .map(HandoffID.init(rawValue:))
        }
    }
}
