import Foundation
import GRDB
import HandoffCore

/// Requests as a VA lists, reads, closes and assigns them.
extension HandoffStore {
    /// Newest first; `state` nil lists every request.
    public func requests(project: ProjectID? = nil, state: RequestState? = nil) async throws(HandoffError) -> [RequestSummary] {
        let (statement, arguments) = Self.listing(project: project, state: state)
        return try await read("list requests") { db in
            try Row.fetchAll(db, sql: statement, arguments: arguments).map(Self.summary)
        }
    }

    /// The same requests with their messages and attachments, read in one transaction.
    public func requestDetails(project: ProjectID? = nil, state: RequestState? = nil) async throws(HandoffError) -> [RequestDetail] {
        let (statement, arguments) = Self.listing(project: project, state: state)
        return try await read("list requests") { db in
            try Row.fetchAll(db, sql: statement, arguments: arguments).map { row in
                RequestDetail(summary: try Self.summary(row), messages: try Self.messages(db, row["id"]))
            }
        }
    }

    private static func listing(project: ProjectID?, state: RequestState?) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        if let project {
            conditions.append("r.projectId = ?")
            arguments.append(project.rawValue.databaseValue)
        }
        switch state {
        case .open: conditions.append("r.state = 'open' AND r.projectId IS NOT NULL")
        case .unmatched: conditions.append("r.state = 'open' AND r.projectId IS NULL")
        case .closed: conditions.append("r.state = 'closed'")
        case nil: break
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (summarySQL + " \(filter) ORDER BY r.receivedAt DESC, r.number DESC", StatementArguments(arguments))
    }

    /// The request with every message and attachment, or nil when there is none.
    public func requestDetail(_ id: RequestID) async throws(HandoffError) -> RequestDetail? {
        try await requestDetail(stored: id.rawValue)
    }

    /// The same by the id as stored, for requests from before requests were numbered.
    public func requestDetail(stored id: String) async throws(HandoffError) -> RequestDetail? {
        try await read("read request \(id)") { db in try Self.detail(db, id) }
    }

    /// Closes a request; closing a closed one changes nothing. Nil when there is none.
    @discardableResult
    public func closeRequest(_ id: String, at now: Date = Date()) async throws(HandoffError) -> RequestSummary? {
        try await write("close request \(id)") { db in
            try db.execute(sql: "UPDATE request SET state = ?, closedAt = ? WHERE id = ? AND state <> ?",
                           arguments: [StoredRequestState.closed, now, id, StoredRequestState.closed])
            return try Self.summary(db, id)
        }
    }

    /// Gives a request to `project`, provided it still belongs to `expected` (nil:
    /// unmatched), so two people assigning at once cannot both move its files. The caller
    /// has moved the request's folder; the store only records the new owner.
    public func assignRequest(_ id: String, to project: ProjectID, expecting expected: ProjectID?) async throws(HandoffError) -> RequestSummary {
        try await write("assign request \(id) to project \(project)") { db in
            guard let current = try Self.summary(db, id) else { throw StoreError.noSuchRequest(id) }
            guard current.project == expected else {
                throw StoreError.requestAssigned(id, project: current.project?.rawValue ?? "none")
            }
            try db.execute(sql: "UPDATE request SET projectId = ? WHERE id = ?", arguments: [project.rawValue, id])
            return try Self.summary(db, id) ?? current
        }
    }

    static let summarySQL = """
        SELECT r.id, r.number, r.projectId, r.state, r.sender, r.senderName, r.subject, r.messageId, r.receivedAt, r.closedAt,
            (SELECT COUNT(*) FROM requestMessage m WHERE m.requestId = r.id) AS messageCount,
            (SELECT COUNT(*) FROM requestAttachment a JOIN requestMessage m ON a.messageId = m.id WHERE m.requestId = r.id) AS attachmentCount
        FROM request r
        """

    static func summary(_ db: Database, _ id: String) throws -> RequestSummary? {
        try Row.fetchOne(db, sql: summarySQL + " WHERE r.id = ?", arguments: [id]).map(summary)
    }

    static func summary(_ row: Row) throws -> RequestSummary {
        let id: String = row["id"]
        let stored: StoredRequestState = try row.stored("state", table: "request", row: id)
        let project = (row["projectId"] as String?).map(ProjectID.init(stored:))
        let state: RequestState = stored == .closed ? .closed : (project == nil ? .unmatched : .open)
        return RequestSummary(
            id: id, number: row["number"], project: project, state: state, from: row["sender"], fromName: row["senderName"],
            subject: row["subject"], messageID: row["messageId"], receivedAt: row["receivedAt"], closedAt: row["closedAt"],
            messageCount: row["messageCount"], attachmentCount: row["attachmentCount"])
    }

    static func detail(_ db: Database, _ id: String) throws -> RequestDetail? {
        guard let summary = try summary(db, id) else { return nil }
        return RequestDetail(summary: summary, messages: try messages(db, id))
    }

    private static func messages(_ db: Database, _ id: String) throws -> [RequestMessage] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM requestMessage WHERE requestId = ? ORDER BY receivedAt, id", arguments: [id])
        return try rows.map { row throws -> RequestMessage in
            let stored: Int64 = row["id"]
            let defects: String = row["defects"]
            guard let list = try? JSONDecoder().decode([String].self, from: Data(defects.utf8)) else {
                throw StoreError.unknownValue(table: "requestMessage", row: String(stored), column: "defects", value: defects)
            }
            return RequestMessage(
                messageID: row["messageId"], from: row["from"], fromName: row["fromName"], subject: row["subject"], date: row["date"],
                receivedAt: row["receivedAt"], text: row["text"], defects: list, headersOnly: row["headersOnly"],
                attachments: try attachments(db, message: stored))
        }
    }

    private static func attachments(_ db: Database, message: Int64) throws -> [IncomingAttachment] {
        try Row.fetchAll(db, sql: "SELECT * FROM requestAttachment WHERE messageId = ? ORDER BY id", arguments: [message]).map { row in
            IncomingAttachment(
                savedName: row["savedName"], originalName: row["originalName"], contentType: row["contentType"], size: row["size"],
                sha256: row["sha256"], inline: row["inline"])
        }
    }
}
