import HandoffCore

/// The commented configuration `handoff init` writes for a new user: it loads as is
/// (file transport, local links, a Maildir inbox, one example project) and says, next to
/// each setting, what the alternatives are.
public enum StarterConfig {
    public static let placeholderSender = "Your Name <you@example.com>"

    /// - Parameter sender: the user's address, if given (`handoff init --sender`);
    ///   otherwise a placeholder to replace.
    public static func text(sender: String?) -> String {
        let sender = sender.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } ?? placeholderSender
        return """
            # Handoff configuration (TOML), written by `handoff init`.
            #
            # Relative paths are relative to the folder above this file's folder: for
            # config/handoff.toml, that is the folder holding config/.
            # Secrets never go in this file as text: write "env:NAME" to read an environment
            # variable, or "file:PATH" to read a file only you can read.
            # Check your changes with `handoff doctor`.

            [gateway]
            data_dir = "var"                    # the store, sent mail, published links
            outbox   = "outbox"                 # drop finished work in outbox/<project>/<name>/
            # The From of every message:
            sender   = \(TOMLText.quoted(sender))
            # workers = 2                       # queue workers for `handoff run` (1-32)
            # notify_failures = false           # true: a delivery that fails for good also mails you (sender) a short notice

            [mail]
            transport = "file"                  # file | smtp; "file" writes each message as .eml under var/sent/
            # To send for real (STARTTLS on port 587, or "smtps://…:465" for TLS from the start):
            # transport = "smtp"
            # url       = "smtp://smtp.example.com:587"
            # username  = "you@example.com"
            # password  = "env:HANDOFF_SMTP_PASSWORD"
            # ca_file   = "config/ca.pem"       # extra trust anchor; verification is never off by default
            max_attachment_mb = 20              # larger packages go out as links when deliver = "auto"

            [links]
            store       = "local"               # local (webdav, s3 and sftp are not available yet)
            base_url    = "http://127.0.0.1:8787"   # how clients reach Handoff's own links
            expire_days = 14

            [server]
            listen = "127.0.0.1:8787"           # `handoff serve` / `handoff run`; a TLS proxy goes in front

            [inbox]
            source       = "maildir:var/maildir"    # or "imaps://imap.example.com/INBOX" with username and password
            poll_seconds = 120
            # address = "you@example.com"       # your own address(es): never answered, and you+<project>@ picks a project
            # since = "7d"                      # the first poll imports this far back ("30d", or a day: "2026-11-01")
            # max_message_mb = 50               # larger mail is kept with its headers only, not read
            # acknowledge_per_sender_per_hour = 3   # at most this many "received" replies to one sender an hour
            # Several mailboxes: remove source above and add one [[inbox.mailbox]] table each,
            # with name = "work" (lower-case, it keys what was already read), source and login.

            # [queue]                           # retries of failed deliveries
            # max_attempts         = 8
            # backoff_base_seconds = 30
            # backoff_cap_seconds  = 3600
            # lease_seconds        = 300

            # One section per client; the id after "projects." names its outbox folder.
            [projects.example]
            name     = "Example Client"
            contacts = ["client@client.example"]    # default recipients; also who may send requests
            allow    = ["client.example"]           # the recipient guard: nothing goes anywhere else
            deliver  = "auto"                   # email | link | auto
            archive  = "zip"                    # zip | tar.gz | tar.zst
            encrypt  = false                    # AES-256 zip; the passphrase goes in a second message
            # retainer_hours = 20                # hours per month; reports warn at 80% and 100%
            # rounding_minutes = 15              # round each entry up in reports: 0 (none), 6 or 15
            # forgotten_clock_hours = 10         # a clock running longer is flagged as forgotten
            # acknowledge = true                # reply "received, request R-12" to each new request from this client
            # acknowledge_text = "Thanks, I have it and will get back to you by tomorrow."

            """
    }
}
