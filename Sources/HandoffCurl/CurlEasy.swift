import CCurl
import HandoffCore

/// Owns one libcurl easy handle: applies a `CurlRequest`, runs it, reports how it went.
///
/// Not thread-safe (libcurl's rule for an easy handle), hence not `Sendable`: it lives on the
/// one thread of its `CurlConnection`. The handle is reused from transfer to transfer, so
/// libcurl keeps the server connection open and several messages go over one SMTP session.
/// Each transfer starts with `curl_easy_reset`, which clears every option (and so every
/// pointer into memory of an earlier transfer) but keeps the connection cache.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: libcurl writes the detail of a failure here.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(HandoffError) {
        try CurlGlobal.ensure()
        guard let handle = curl_easy_init() else {
            throw .internal("libcurl could not create a handle (out of memory?).")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        // Closes any connection still cached in the handle (sends QUIT/LOGOUT first).
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs one transfer to its end. libcurl's own failures come back in the response (the
    /// caller decides what a refused connection or an SMTP 550 means); an error a callback
    /// met, or an option libcurl refused, is thrown.
    func perform(_ request: CurlRequest) throws(HandoffError) -> CurlResponse {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let context = try TransferContext(upload: request.upload, maxBodyBytes: request.maxBodyBytes)
        // Lists libcurl does not copy: owned here until the transfer has returned.
        let lists = SListOwner()
        defer {
            // Nothing may point into the lists once they are freed.
            curl_easy_reset(handle)
            lists.freeAll()
        }
        try apply(request, context: context, lists: lists)

        let code = withExtendedLifetime(context) { curl_easy_perform(handle) }
        context.finishTranscript()
        if let error = context.error { throw error }
        var responseCode = 0
        _ = handoff_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        return CurlResponse(
            failure: CurlFailure.check(code, errorBuffer: errorBuffer), transcript: context.transcript, body: context.body,
            uploadReachedEnd: context.uploadReachedEnd, uploadedBytes: context.uploadedBytes, responseCode: responseCode)
    }

    // MARK: - Options

    func apply(_ request: CurlRequest, context: TransferContext, lists: SListOwner) throws(HandoffError) {
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_URL, request.url)
        // Only the protocols we speak, also after a redirect (there are none we follow).
        try set(CURLOPT_FOLLOWLOCATION, 0)
        try set(CURLOPT_CONNECTTIMEOUT, request.connectTimeout)
        try set(CURLOPT_SERVER_RESPONSE_TIMEOUT, request.stallTimeout)
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, request.stallTimeout)

        let opaque = Unmanaged.passUnretained(context).toOpaque()
        try set(CURLOPT_VERBOSE, 1)
        try check(handoff_curl_setopt_debug(handle, curlDebugCallback), "CURLOPT_DEBUGFUNCTION")
        try set(CURLOPT_DEBUGDATA, pointer: opaque)
        try check(handoff_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteCallback), "CURLOPT_WRITEFUNCTION")
        try set(CURLOPT_WRITEDATA, pointer: opaque)

        try applyLogin(request)
        try applyTrust(request)

        if let from = request.mailFrom { try set(CURLOPT_MAIL_FROM, "<\(from)>") }
        if !request.mailRecipients.isEmpty {
            let list = lists.make(request.mailRecipients.map { "<\($0)>" })
            try check(handoff_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, list), "CURLOPT_MAIL_RCPT")
        }
        if request.allowRecipientFailures { try set(handoff_curlopt_mail_rcpt_allowfails(), 1) }
        if let command = request.customRequest { try set(CURLOPT_CUSTOMREQUEST, command) }
        // Connect, upgrade and log in, then stop: the caller speaks the protocol itself.
        if request.connectOnly { try set(CURLOPT_CONNECT_ONLY, 1) }

        if let upload = request.upload {
            try set(CURLOPT_UPLOAD, 1)
            try check(handoff_curl_setopt_callback(handle, CURLOPT_READFUNCTION, curlReadCallback), "CURLOPT_READFUNCTION")
            try set(CURLOPT_READDATA, pointer: opaque)
            // The size lets libcurl announce it (SMTP `SIZE=`, IMAP APPEND's literal).
            try check(handoff_curl_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.size)), "CURLOPT_INFILESIZE_LARGE")
        }
        if let body = request.postBody {
            try set(CURLOPT_POST, 1)
            try set(CURLOPT_POSTFIELDSIZE, body.count)
            // COPYPOSTFIELDS, not POSTFIELDS: libcurl keeps its own copy of the bytes.
            let code = body.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    handoff_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0))
                }
            }
            try check(code, "CURLOPT_COPYPOSTFIELDS")
        }
        if !request.headers.isEmpty {
            try check(handoff_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, lists.make(request.headers)), "CURLOPT_HTTPHEADER")
        }
    }

    private func applyLogin(_ request: CurlRequest) throws(HandoffError) {
        if let username = request.username { try set(CURLOPT_USERNAME, username) }
        if let password = request.password { try set(CURLOPT_PASSWORD, password) }
        if let token = request.bearerToken {
            try set(CURLOPT_XOAUTH2_BEARER, token)
            // Let libcurl pick XOAUTH2 or OAUTHBEARER, whichever the server offers.
            try set(CURLOPT_LOGIN_OPTIONS, "AUTH=*")
        }
    }

    /// TLS: required for the plain-text schemes, verified unless the config says otherwise.
    ///
    /// An extra CA goes in as `CURLOPT_CAINFO_BLOB` together with the system bundle, so it
    /// is *added* to the system's trust anchors (see `TrustBundle`).
    private func applyTrust(_ request: CurlRequest) throws(HandoffError) {
        if request.requireTLS { try set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if request.insecureSkipVerify {
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            try set(CURLOPT_SSL_VERIFYPEER, 1)
            try set(CURLOPT_SSL_VERIFYHOST, 2)
        }
        if let extra = request.extraTrustAnchors {
            let anchors = TrustBundle.adding(extra)
            let code = anchors.withUnsafeBytes { handoff_curl_setopt_blob(handle, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count) }
            try check(code, "CURLOPT_CAINFO_BLOB")
        }
    }

    func set(_ option: CURLoption, _ value: Int) throws(HandoffError) {
        try check(handoff_curl_setopt_long(handle, option, value), "\(option)")
    }

    private func set(_ option: CURLoption, _ value: String) throws(HandoffError) {
        // libcurl copies string options (since 7.17), so a temporary C string is enough.
        try check(handoff_curl_setopt_string(handle, option, value), "\(option)")
    }

    private func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer) throws(HandoffError) {
        try check(handoff_curl_setopt_pointer(handle, option, pointer), "\(option)")
    }

    private func set(_ option: CURLoption, pointer: UnsafeMutablePointer<CChar>) throws(HandoffError) {
        try set(option, pointer: UnsafeMutableRawPointer(pointer))
    }

    /// An option libcurl refuses is a bug or a libcurl built without a feature: say which.
    func check(_ code: CURLcode, _ option: String) throws(HandoffError) {
        if let failure = CurlFailure.check(code, errorBuffer: errorBuffer) {
            throw .internal("libcurl \(CurlGlobal.version) refused the option \(option): \(failure.message).")
        }
    }
}

@available(*, unavailable)
extension CurlEasy: Sendable {}
