import HandoffCurl

/// Idle libcurl connections of one transport, handed to one send at a time.
///
/// Each concurrent worker checks one out and gives it back, so every worker keeps its own
/// SMTP session open across the messages of a batch; a connection never serves two sends
/// at once (an easy handle is single-threaded, and SMTP has one transaction at a time).
actor ConnectionPool {
    private var idle: [CurlConnection] = []
    private let name: String

    init(name: String) {
        self.name = name
    }

    func checkOut() -> CurlConnection {
        idle.popLast() ?? CurlConnection(name: name)
    }

    func checkIn(_ connection: CurlConnection) {
        idle.append(connection)
    }

}
