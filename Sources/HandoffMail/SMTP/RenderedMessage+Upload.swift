import HandoffCore
import HandoffCurl

extension MessageReader: UploadReader {}

extension RenderedMessage {
    /// The message as a libcurl upload: read on the transfer's thread as libcurl sends it.
    var upload: Upload {
        Upload(size: size) { [self] () throws(HandoffError) in openReader() }
    }
}
