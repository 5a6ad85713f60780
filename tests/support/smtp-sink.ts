import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as the sink received it. */
export interface ReceivedMail {
  recipients: string[];
  raw: string;
}

/** A local SMTP server on a free port that keeps what it accepts, and refuses when told to. */
export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Messages refused so far (each was one delivery attempt). */
  refused: number;
  /** Answer the next messages with this; null accepts. */
  refuseWith: Error | null;
  /** Milliseconds to wait before answering a message. */
  answerDelayMs: number;
  onMessageStarted: (() => void) | null;
  close(): Promise<void>;
}

/** Starts a sink, so that notification e-mail is tested over a real SMTP conversation; `auth` requires those credentials. */
export async function startSmtpSink(auth?: { user: string; pass: string }): Promise<SmtpSink> {
  const server: SMTPServer = new SMTPServer({
    logger: false,
    // Plain SMTP on loopback: no STARTTLS to offer (the built-in certificate is only a warning).
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(credentials, _session, callback) {
      const ok = auth && credentials.username === auth.user && credentials.password === auth.pass;
      callback(ok ? null : new Error("Invalid username or password"), ok ? { user: credentials.username } : undefined);
    },
    onData(stream, session, callback) {
      sink.onMessageStarted?.();
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        setTimeout(() => {
          if (sink.refuseWith) {
            sink.refused += 1;
            return callback(sink.refuseWith);
          }
          sink.received.push({ recipients: session.envelope.rcptTo.map((to) => to.address), raw: Buffer.concat(chunks).toString("utf8") });
          callback();
        }, sink.answerDelayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${auth.user}:${auth.pass}@` : "";
  const sink: SmtpSink = {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received: [],
    refused: 0,
    refuseWith: null,
    answerDelayMs: 0,
    onMessageStarted: null,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
  return sink;
}
