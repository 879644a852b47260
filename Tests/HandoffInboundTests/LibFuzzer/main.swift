// The libFuzzer entry point for the inbound parser: `make fuzz` compiles this file with
// the HandoffInbound sources under `-sanitize=fuzzer`, so the engine sees the coverage of
// our Swift code (GMime itself is not instrumented; its crashes are still caught).
import HandoffCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    _ = InboundFuzz.run(bytes: bytes, limits: InboundLimits(maxSeconds: 5))
    return 0
}
