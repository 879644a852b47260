import HandoffConfig
import HandoffCore
import HandoffGateway
import Logging

extension DoctorCommand {
    /// Talks to the configured SMTP server, one check per step; sends nothing.
    static func smtpChecks(_ config: HandoffConfiguration, _ settings: SMTPSettings, logger: Logger) async -> [Check] {
        var checks: [Check] = []
        if settings.insecureSkipVerify {
            checks.append(Check(name: "smtp tls", ok: false, detail: "insecure_skip_verify = true: the server's certificate is NOT checked; remove it once the server has a valid certificate (or set ca_file)"))
        }
        for check in await Gateway.checkSMTP(config, settings, logger: logger) {
            checks.append(Check(name: check.name, ok: check.ok, detail: check.detail, failure: check.failure?.rawValue))
        }
        return checks
    }
}
