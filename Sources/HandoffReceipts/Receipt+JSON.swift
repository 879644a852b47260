import HandoffCore

/// The receipt as a JSON tree: the part that is signed.
extension Receipt {
    public static let formatVersion = "handoff-receipt/1"

    public var json: JSONValue {
        .object([
            ("format", .string(Self.formatVersion)),
            ("project", .object([("id", .string(project)), ("name", .string(projectName))])),
            ("period", .object([("from", .optional(from)), ("to", .optional(to))])),
            ("generated_at", .string(generatedAt)),
            ("time_zone", .string(timeZone)),
            ("rounding", .string(rounding)),
            ("handoffs", .array(deliveries.map(\.json))),
            ("months", .array(months.map { month in
                .object([
                    ("month", .string(month.month)), ("handoffs", .int(month.handoffs)), ("entries", .int(month.entries)),
                    ("raw_seconds", .int(month.rawSeconds)), ("billed_seconds", .int(month.billedSeconds)),
                    ("billed_hours", .string(Hours.decimal(month.billedSeconds))),
                ])
            })),
            ("totals", .object([
                ("handoffs", .int(totals.handoffs)), ("sent", .int(totals.sent)), ("files", .int(totals.files)),
                ("bytes", .int(totals.bytes)), ("entries", .int(totals.entries)), ("raw_seconds", .int(totals.rawSeconds)),
                ("billed_seconds", .int(totals.billedSeconds)), ("billed_hours", .string(Hours.decimal(totals.billedSeconds))),
            ])),
            ("retainer", .array(retainer.map { use in
                .object([
                    ("month", .string(use.month)), ("retainer_seconds", .int(use.retainerSeconds)),
                    ("used_seconds", .int(use.usedSeconds)), ("remaining_seconds", .int(use.remainingSeconds)),
                    ("percent_used", .int(use.percentUsed)), ("level", .string(use.level.rawValue)),
                ])
            })),
            ("ledger", .object([("chain_head", .string(chainHead)), ("events", .int(chainLength))])),
        ])
    }
}

extension Receipt.Delivery {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("status", .string(status)), ("queued_at", .string(queuedAt)), ("sent_at", .optional(sentAt)),
            ("route", .optional(route)), ("to", .array(to.map(JSONValue.string))), ("cc", .array(cc.map(JSONValue.string))),
            ("bcc_count", .int(bccCount)), ("message_id", .optional(messageID)), ("server_reply", .optional(serverReply)),
            ("raw_seconds", .int(rawSeconds)), ("billed_seconds", .int(billedSeconds)),
            ("billed_hours", .string(Hours.decimal(billedSeconds))),
        ]
        if let package {
            members.append(("package", .object([
                ("file", .string(package.fileName)), ("format", .string(package.format)), ("files", .int(package.files)),
                ("bytes", .int(package.bytes)), ("sha256", .string(package.sha256)), ("encrypted", .bool(package.encrypted)),
            ])))
        } else {
            members.append(("package", .null))
        }
        if let link {
            members.append(("link", .object([("expires", .optional(link.expires)), ("downloads", .int(link.downloads))])))
        } else {
            members.append(("link", .null))
        }
        members.append(("timeline", .array(timeline.map { event in
            .object([
                ("seq", .int(event.seq)), ("at", .string(event.at)), ("kind", .string(event.kind)),
                ("detail", .object(event.detail.map { ($0.0, JSONValue.string($0.1)) })),
            ])
        })))
        members.append(("entries", .array(entries.map { entry in
            .object([
                ("id", .int(entry.id)), ("start", .string(entry.start)), ("end", .optional(entry.end)),
                ("manual", .bool(entry.manual)), ("memo", .optional(entry.memo)), ("raw_seconds", .int(entry.rawSeconds)),
                ("billed_seconds", .int(entry.billedSeconds)), ("forgotten", .bool(entry.forgotten)),
            ])
        })))
        return .object(members)
    }
}
