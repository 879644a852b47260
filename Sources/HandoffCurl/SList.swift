import CCurl

/// `curl_slist` lists for options libcurl does not copy (`CURLOPT_MAIL_RCPT`,
/// `CURLOPT_HTTPHEADER`). `CurlEasy.perform` frees them with a `defer`, so only after the
/// transfer has returned and the options were reset.
final class SListOwner {
    private var lists: [UnsafeMutablePointer<curl_slist>] = []

    func make(_ items: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for item in items {
            // curl_slist_append copies the string; NULL means out of memory.
            guard let longer = curl_slist_append(list, item) else { break }
            list = longer
        }
        if let list { lists.append(list) }
        return list
    }

    func freeAll() {
        for list in lists { curl_slist_free_all(list) }
        lists.removeAll()
    }

    deinit { freeAll() }
}

@available(*, unavailable)
extension SListOwner: Sendable {}
