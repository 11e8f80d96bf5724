import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

// A real SMTP server on a local port (the `smtp-server` package) that the mail scenario steers:
// closed, refusing every message for now (4xx) or some recipients for good (5xx), accepting, or
// holding a message's DATA open so the app can be killed in the middle of a send. It records what
// it was asked (every RCPT and every message, with the time) and what it accepted.

/** One message the sink accepted into its "mailbox". */
export type Delivery = { messageId: string; to: string; at: number };
/** One answer the sink gave to a recipient or a message. */
export type Attempt = { to: string; at: number; answer: number; stage: "RCPT" | "DATA" };

/**
 * How the sink answers a message:
 * - "accept": 250, recorded as delivered;
 * - "defer": the whole message is read, then 451 (try again later);
 * - "hold-before-accept": the end of the message is never read nor answered (the mail server has
 *   not taken it: a crash now must lead to one delivery);
 * - "hold-after-accept": the message is read and recorded as delivered, but the 250 is never sent
 *   (the server took it and the answer is lost: SMTP's unavoidable duplicate on a resend).
 */
export type DataAnswer = "accept" | "defer" | "hold-before-accept" | "hold-after-accept";

/** A message being held, as reported to `onHold`. */
export type Held = { messageId: string; to: string; how: DataAnswer };

export class SmtpSink {
  readonly deliveries: Delivery[] = [];
  readonly attempts: Attempt[] = [];
  /** Recipients refused at RCPT TO with this code (e.g. 550 for a mailbox that does not exist). */
  refuseRecipient: (address: string) => number | null = () => null;
  /** How the next message (by its recipient) is answered. */
  answer: (to: string) => DataAnswer = () => "accept";
  /** Called when a message is held; the test kills the app then. */
  onHold: (held: Held) => void = () => {};
  private server: SMTPServer | undefined;

  constructor(readonly port: number) {}

  /** Starts listening on 127.0.0.1:port (the mail server "comes back"). */
  async start() {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      // The app is killed mid-send on purpose; a closed connection is not the sink's error.
      onClose: () => {},
      onRcptTo: (address, _session, callback) => {
        const code = this.refuseRecipient(address.address);
        this.attempts.push({ to: address.address, at: Date.now(), answer: code ?? 250, stage: "RCPT" });
        if (code === null) return callback();
        callback(Object.assign(new Error(code >= 500 ? "No such mailbox here" : "Mailbox busy, try again later"), { responseCode: code }));
      },
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    server.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  /** Stops listening and drops open connections (the mail server "goes down": port closed). */
  async stop() {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Connections still open (held ones) would keep close() waiting.
      for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) connection.close();
    });
  }

  /** How many times each Message-ID was accepted. */
  deliveredCounts() {
    const counts = new Map<string, number>();
    for (const d of this.deliveries) counts.set(d.messageId, (counts.get(d.messageId) ?? 0) + 1);
    return counts;
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
    const to = session.envelope.rcptTo.map((r) => r.address).join(",");
    const how = this.answer(to);
    if (how === "hold-before-accept") {
      // Nothing is read, so the end of the message never arrives here and nothing is answered.
      stream.pause();
      this.onHold({ messageId: "", to, how });
      return;
    }
    let raw = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (raw += chunk));
    stream.on("end", () => {
      const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "";
      const at = Date.now();
      if (how === "defer") {
        this.attempts.push({ to, at, answer: 451, stage: "DATA" });
        return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
      }
      this.attempts.push({ to, at, answer: 250, stage: "DATA" });
      this.deliveries.push({ messageId, to, at });
      if (how === "hold-after-accept") {
        this.onHold({ messageId, to, how });
        return;
      }
      callback();
    });
  }
}
