/// Decides whether a package goes out attached or as a link.
public enum RoutingPolicy {
    public enum Decision: String, Sendable, Equatable, Codable {
        case email
        case link
    }

    /// The encoded size of an attachment of `bytes` bytes: base64 in 76-character lines with
    /// CRLF makes 4/3 of the size plus 2 bytes every 76.
    public static func encodedAttachmentSize(_ bytes: Int64) -> Int64 {
        let base64 = (bytes + 2) / 3 * 4
        return base64 + (base64 + 75) / 76 * 2
    }

    /// - Parameters:
    ///   - route: the project's or the delivery's choice.
    ///   - messageBytes: the size of the whole message with the attachment encoded.
    ///   - limitBytes: the largest message the mail path accepts.
    public static func decide(
        route: DeliveryRoute, messageBytes: Int64, limitBytes: Int64, project: ProjectID
    ) throws(HandoffError) -> Decision {
        switch route {
        case .link:
            return .link
        case .auto:
            return messageBytes <= limitBytes ? .email : .link
        case .email:
            guard messageBytes <= limitBytes else {
                throw .badInput(
                    "The message for project '\(project)' would be \(ByteCount.format(messageBytes)) once encoded, over the mail limit of \(ByteCount.format(limitBytes)). Send it with --via link, or set deliver = \"auto\" in [projects.\(project)]."
                )
            }
            return .email
        }
    }
}
