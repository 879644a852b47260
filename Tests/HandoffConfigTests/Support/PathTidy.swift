/// `/tmp//x/` → `/tmp/x`, so expected paths compare equal to the loader's.
enum PathTidy {
    static func normalize(_ path: String) -> String {
        "/" + path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
