/** Forwarded headers are believed only behind a trusted proxy (lib/forwarded.ts). */
import type { IncomingMessage } from "node:http";

import { describe, expect, it } from "vitest";

import { CLIENT_ADDRESS_HEADER, normaliseForwardedHeaders } from "../../lib/forwarded";

function request(headers: Record<string, string>, remoteAddress = "::ffff:203.0.113.9"): IncomingMessage {
  return { headers: { ...headers }, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe("normaliseForwardedHeaders", () => {
  const sent = {
    host: "tracker.example.org",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-for": "198.51.100.1, 192.0.2.7",
    forwarded: "for=198.51.100.1",
    [CLIENT_ADDRESS_HEADER]: "10.0.0.1",
  };

  it("without a trusted proxy removes every forwarded header and records the socket's address", () => {
    const req = request(sent);
    normaliseForwardedHeaders(req, false);
    expect(req.headers).toEqual({ host: "tracker.example.org", [CLIENT_ADDRESS_HEADER]: "203.0.113.9" });
  });

  it("behind a trusted proxy keeps them and takes the address the proxy saw (the last hop)", () => {
    const req = request(sent);
    normaliseForwardedHeaders(req, true);
    expect(req.headers["x-forwarded-host"]).toBe("evil.example");
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("192.0.2.7");
  });

  it("treats an empty forwarded header as absent, trusted or not", () => {
    const req = request({ host: "a.example", "x-forwarded-host": "", "x-forwarded-proto": "  " });
    normaliseForwardedHeaders(req, true);
    expect(req.headers).toEqual({ host: "a.example", [CLIENT_ADDRESS_HEADER]: "203.0.113.9" });
  });
});
