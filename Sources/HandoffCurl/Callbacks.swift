import CCurl

// libcurl's callbacks: plain C functions that capture nothing. Each finds its transfer's
// `TransferContext` through the opaque pointer libcurl hands back, and never throws.

/// `CURLOPT_READFUNCTION`: streams the upload file, one buffer at a time.
let curlReadCallback: handoff_curl_data_callback = { buffer, size, count, context in
    guard let buffer, let context else { return 0 }
    let transfer = Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue()
    return transfer.readUpload(into: buffer, capacity: size * count)
}

/// `CURLOPT_WRITEFUNCTION`: keeps the response body, up to its limit.
let curlWriteCallback: handoff_curl_data_callback = { buffer, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard let buffer, length > 0 else { return length }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
    // Returning anything but `length` makes libcurl stop with CURLE_WRITE_ERROR.
    return transfer.appendBody(bytes) ? length : 0
}

/// `CURLOPT_DEBUGFUNCTION` (needs `CURLOPT_VERBOSE`): the protocol lines both ways. This is
/// the only way libcurl shows the SMTP server's own words (the final `250 … queued as`,
/// each RCPT reply, the EHLO SIZE limit). Bodies and TLS bytes are not looked at.
let curlDebugCallback: handoff_curl_debug_callback = { _, type, data, size, context in
    guard let context, let data, size > 0 else { return 0 }
    let transfer = Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size)
    switch type {
    case CURLINFO_HEADER_IN: transfer.record(bytes, incoming: true)
    case CURLINFO_HEADER_OUT: transfer.record(bytes, incoming: false)
    default: break
    }
    return 0
}
