import Foundation

/// The JSON an OAuth 2.0 token endpoint answers a refresh-token grant with (RFC 6749 5.1,
/// 5.2). Pure parsing, tested with fixtures; the token never appears in a description.
struct OAuthTokenResponse: Equatable, CustomStringConvertible {
    var accessToken: String
    /// Seconds the token is valid, as the server said (`expires_in`; 3600 if absent).
    var expiresIn: Int

    var description: String { "OAuthTokenResponse(expires in \(expiresIn) s)" }

    /// The error an endpoint returned (`invalid_grant`, …) with its description, if any.
    struct Refusal: Equatable {
        var error: String
        var detail: String?
    }

    enum Parsed: Equatable {
        case token(OAuthTokenResponse)
        case refused(Refusal)
        case unreadable
    }

    static func parse(_ body: [UInt8]) -> Parsed {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return .unreadable }
        if let token = object["access_token"] as? String, !token.isEmpty {
            let seconds = (object["expires_in"] as? NSNumber)?.intValue ?? (object["expires_in"] as? String).flatMap { Int($0) } ?? 3600
            return .token(OAuthTokenResponse(accessToken: token, expiresIn: max(0, seconds)))
        }
        if let error = object["error"] as? String {
            // Only the two standard, human-facing fields are kept: nothing else from the body.
            return .refused(Refusal(error: String(error.prefix(100)), detail: (object["error_description"] as? String).map { String($0.prefix(300)) }))
        }
        return .unreadable
    }

    /// `application/x-www-form-urlencoded` for the token request.
    static func formBody(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return Array(text.utf8)
    }
}
