import HandoffCore

/// The receipt's canonical bytes written directly (see `CanonicalWriter`): the same bytes
/// as `json.canonicalBytes`, at a fraction of the cost. Members are listed in sorted order.
extension Receipt {
    public var canonicalJSON: [UInt8] {
        var w = CanonicalWriter(capacity: 4096 + deliveries.count * 2048)
        w.object { w in
            w.member("format", Self.formatVersion)
            w.member("generated_at", generatedAt)
            w.key("handoffs")
            w.array { w in
                for delivery in deliveries { delivery.write(to: &w) }
            }
            w.key("ledger")
            w.object { w in
                w.member("chain_head", chainHead)
                w.member("events", chainLength)
            }
            w.key("months")
            w.array { w in
                for month in months {
                    w.object { w in
                        w.member("billed_hours", Hours.decimal(month.billedSeconds))
                        w.member("billed_seconds", month.billedSeconds)
                        w.member("entries", month.entries)
                        w.member("handoffs", month.handoffs)
                        w.member("month", month.month)
                        w.member("raw_seconds", month.rawSeconds)
                    }
                }
            }
            w.key("period")
            w.object { w in
                w.member("from", from)
                w.member("to", to)
            }
            w.key("project")
            w.object { w in
                w.member("id", project)
                w.member("name", projectName)
            }
            w.key("retainer")
            w.array { w in
                for use in retainer {
                    w.object { w in
                        w.member("level", use.level.rawValue)
                        w.member("month", use.month)
                        w.member("percent_used", use.percentUsed)
                        w.member("remaining_seconds", use.remainingSeconds)
                        w.member("retainer_seconds", use.retainerSeconds)
                        w.member("used_seconds", use.usedSeconds)
                    }
                }
            }
            w.member("rounding", rounding)
            w.member("time_zone", timeZone)
            w.key("totals")
            w.object { w in
                w.member("billed_hours", Hours.decimal(totals.billedSeconds))
                w.member("billed_seconds", totals.billedSeconds)
                w.member("bytes", totals.bytes)
                w.member("entries", totals.entries)
                w.member("files", totals.files)
                w.member("handoffs", totals.handoffs)
                w.member("raw_seconds", totals.rawSeconds)
                w.member("sent", totals.sent)
            }
        }
        return w.bytes
    }
}

extension Receipt.Delivery {
    func write(to w: inout CanonicalWriter) {
        w.object { w in
            w.member("bcc_count", bccCount)
            w.member("billed_hours", Hours.decimal(billedSeconds))
            w.member("billed_seconds", billedSeconds)
            w.key("cc")
            w.array { w in for address in cc { w.string(address) } }
            w.key("entries")
            w.array { w in
                for entry in entries {
                    w.object { w in
                        w.member("billed_seconds", entry.billedSeconds)
                        w.member("end", entry.end)
                        w.member("forgotten", entry.forgotten)
                        w.member("id", entry.id)
                        w.member("manual", entry.manual)
                        w.member("memo", entry.memo)
                        w.member("raw_seconds", entry.rawSeconds)
                        w.member("start", entry.start)
                    }
                }
            }
            w.member("id", id)
            w.key("link")
            if let link {
                w.object { w in
                    w.member("downloads", link.downloads)
                    w.member("expires", link.expires)
                }
            } else {
                w.null()
            }
            w.member("message_id", messageID)
            w.key("package")
            if let package {
                w.object { w in
                    w.member("bytes", package.bytes)
                    w.member("encrypted", package.encrypted)
                    w.member("file", package.fileName)
                    w.member("files", package.files)
                    w.member("format", package.format)
                    w.member("sha256", package.sha256)
                }
            } else {
                w.null()
            }
            w.member("queued_at", queuedAt)
            w.member("raw_seconds", rawSeconds)
            w.member("route", route)
            w.member("sent_at", sentAt)
            w.member("server_reply", serverReply)
            w.member("status", status)
            w.key("timeline")
            w.array { w in
                for event in timeline {
                    w.object { w in
                        w.member("at", event.at)
                        w.key("detail")
                        w.object { w in
                            for (key, value) in event.detail.sorted(by: { JSONValue.precedes($0.0, $1.0) }) {
                                w.member(key, value)
                            }
                        }
                        w.member("kind", event.kind)
                        w.member("seq", event.seq)
                    }
                }
            }
            w.key("to")
            w.array { w in for address in to { w.string(address) } }
        }
    }
}
