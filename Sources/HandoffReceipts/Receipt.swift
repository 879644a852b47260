import HandoffCore

/// What a client receives about one project: every handoff in a period (what, how, when,
/// and the hours it billed), totals per month, the retainer, and the ledger's chain head.
///
/// Times are already written as ISO 8601 with the VA's offset, so every rendering shows
/// the same text and the signed JSON is reproducible.
public struct Receipt: Sendable, Equatable {
    public struct Package: Sendable, Equatable {
        public var fileName: String
        public var format: String
        public var files: Int
        public var bytes: Int64
        public var sha256: String
        public var encrypted: Bool

        public init(fileName: String, format: String, files: Int, bytes: Int64, sha256: String, encrypted: Bool) {
            self.fileName = fileName
            self.format = format
            self.files = files
            self.bytes = bytes
            self.sha256 = sha256
            self.encrypted = encrypted
        }
    }

    public struct Link: Sendable, Equatable {
        public var expires: String?
        public var downloads: Int

        public init(expires: String?, downloads: Int) {
            self.expires = expires
            self.downloads = downloads
        }
    }

    public struct Event: Sendable, Equatable {
        public var seq: Int64
        public var at: String
        public var kind: String
        /// The event's details, sorted by key, with local paths left out: what the signed
        /// JSON carries.
        public var detail: [(String, String)]
        /// The same event as its kind's payload, times in the receipt's zone and blind
        /// copies taken out: what the other renderings put in words.
        public var payload: LedgerEventPayload

        public static func == (lhs: Event, rhs: Event) -> Bool {
            lhs.seq == rhs.seq && lhs.at == rhs.at && lhs.kind == rhs.kind && lhs.payload == rhs.payload
                && lhs.detail.map(\.0) == rhs.detail.map(\.0) && lhs.detail.map(\.1) == rhs.detail.map(\.1)
        }

        public init(seq: Int64, at: String, kind: String, detail: [(String, String)], payload: LedgerEventPayload) {
            self.seq = seq
            self.at = at
            self.kind = kind
            self.detail = detail
            self.payload = payload
        }
    }

    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var start: String
        public var end: String?
        public var manual: Bool
        public var memo: String?
        public var rawSeconds: Int64
        public var billedSeconds: Int64
        public var forgotten: Bool

        public init(id: Int64, start: String, end: String?, manual: Bool, memo: String?, rawSeconds: Int64, billedSeconds: Int64, forgotten: Bool) {
            self.id = id
            self.start = start
            self.end = end
            self.manual = manual
            self.memo = memo
            self.rawSeconds = rawSeconds
            self.billedSeconds = billedSeconds
            self.forgotten = forgotten
        }
    }

    public struct Delivery: Sendable, Equatable {
        public var id: String
        public var status: String
        public var queuedAt: String
        public var sentAt: String?
        public var package: Package?
        /// `email` or `link` once decided.
        public var route: String?
        public var to: [String]
        public var cc: [String]
        /// Blind copies are counted, never named: the receipt goes to the other recipients.
        public var bccCount: Int
        public var messageID: String?
        public var serverReply: String?
        public var link: Link?
        public var timeline: [Event]
        public var entries: [Entry]
        public var rawSeconds: Int64
        public var billedSeconds: Int64

        public init(id: String, status: String, queuedAt: String, sentAt: String?, package: Package?, route: String?, to: [String], cc: [String], bccCount: Int, messageID: String?, serverReply: String?, link: Link?, timeline: [Event], entries: [Entry], rawSeconds: Int64, billedSeconds: Int64) {
            self.id = id
            self.status = status
            self.queuedAt = queuedAt
            self.sentAt = sentAt
            self.package = package
            self.route = route
            self.to = to
            self.cc = cc
            self.bccCount = bccCount
            self.messageID = messageID
            self.serverReply = serverReply
            self.link = link
            self.timeline = timeline
            self.entries = entries
            self.rawSeconds = rawSeconds
            self.billedSeconds = billedSeconds
        }
    }

    public struct MonthTotal: Sendable, Equatable {
        public var month: String
        public var handoffs: Int
        public var entries: Int
        public var rawSeconds: Int64
        public var billedSeconds: Int64

        public init(month: String, handoffs: Int, entries: Int, rawSeconds: Int64, billedSeconds: Int64) {
            self.month = month
            self.handoffs = handoffs
            self.entries = entries
            self.rawSeconds = rawSeconds
            self.billedSeconds = billedSeconds
        }
    }

    public struct Totals: Sendable, Equatable {
        public var handoffs: Int
        public var sent: Int
        public var files: Int
        public var bytes: Int64
        /// Distinct entries (one billed by two handoffs counts once).
        public var entries: Int
        public var rawSeconds: Int64
        public var billedSeconds: Int64

        public init(handoffs: Int, sent: Int, files: Int, bytes: Int64, entries: Int, rawSeconds: Int64, billedSeconds: Int64) {
            self.handoffs = handoffs
            self.sent = sent
            self.files = files
            self.bytes = bytes
            self.entries = entries
            self.rawSeconds = rawSeconds
            self.billedSeconds = billedSeconds
        }
    }

    public var project: String
    public var projectName: String
    public var from: String?
    public var to: String?
    public var generatedAt: String
    public var timeZone: String
    public var rounding: String
    public var deliveries: [Delivery]
    public var months: [MonthTotal]
    public var totals: Totals
    public var retainer: [RetainerUse]
    public var chainHead: String
    public var chainLength: Int64

    public init(
        project: String, projectName: String, from: String?, to: String?, generatedAt: String, timeZone: String,
        rounding: String, deliveries: [Delivery], months: [MonthTotal], totals: Totals, retainer: [RetainerUse],
        chainHead: String, chainLength: Int64
    ) {
        self.project = project
        self.projectName = projectName
        self.from = from
        self.to = to
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.rounding = rounding
        self.deliveries = deliveries
        self.months = months
        self.totals = totals
        self.retainer = retainer
        self.chainHead = chainHead
        self.chainLength = chainLength
    }

    /// `2026-11-01 – 2026-11-30`, or what is open-ended.
    public var periodText: String {
        switch (from, to) {
        case let (from?, to?): "\(from) – \(to)"
        case let (from?, nil): "from \(from)"
        case let (nil, to?): "until \(to)"
        case (nil, nil): "all time"
        }
    }

    public var roundingText: String {
        rounding == "none" ? "none (exact minutes)" : "each entry rounded up to \(rounding) minutes"
    }
}
