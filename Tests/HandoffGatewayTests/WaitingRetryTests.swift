import Foundation
import HandoffCLITesting
import Testing

@Suite("run --once and deliveries waiting for a retry")
struct WaitingRetryTests {
    @Test("run --once exits 75 and says when while a delivery waits for its retry, also in a later run")
    func waitingRetry() async throws {
        // Port 1 on 127.0.0.1 refuses at once: a temporary failure, retried an hour later.
        let workspace = try Workspace()
        let text = try workspace.contents(of: workspace.configPath)
            .replacingOccurrences(of: "transport = \"file\"", with: "transport = \"smtp\"\nurl = \"smtp://127.0.0.1:1\"")
            .replacingOccurrences(of: "backoff_base_seconds = 1", with: "backoff_base_seconds = 3600")
            .replacingOccurrences(of: "backoff_cap_seconds = 2", with: "backoff_cap_seconds = 7200")
        try Data(text.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        let folder = try workspace.makeDeliverable("work/brochure")
        let queued = await runInProcess(["deliver", folder, "-p", "acme", "--config", workspace.configPath])
        #expect(queued.status == 0, "\(queued.stderr)")
        let id = try #require(queued.stdout.split(separator: " ").first.map(String.init))

        let first = await runInProcess(["run", "--once", "--config", workspace.configPath])
        #expect(first.status == 75, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("\(id)  acme  packaged"))
        #expect(first.stdout.contains("will try again at "))

        // The next run has nothing due, but the delivery is not done: it says so, and when.
        let second = await runInProcess(["run", "--once", "--config", workspace.configPath])
        #expect(second.status == 75, "\(second.stdout)\(second.stderr)")
        #expect(!second.stdout.contains("Nothing to deliver."))
        #expect(second.stdout.contains("\(id)  acme"))
        #expect(second.stdout.contains("will try again at "))
    }
}
