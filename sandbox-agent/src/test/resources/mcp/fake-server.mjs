// A minimal MCP server over stdio with no dependencies, for tests of the agent's MCP client:
// it reports its environment, crashes, writes to stderr and returns every kind of content on demand.
import { createInterface } from "node:readline";

const mode = process.env.FAKE_MODE ?? "";
process.stderr.write("fake server starting\n");
if (mode === "exit-at-start") {
  process.stderr.write("bad configuration: FAKE_MODE=exit-at-start\n");
  process.exit(7);
}

const tools = [
  ["env", "Returns the process environment and working directory as JSON"],
  ["crash", "Exits the process with args.code (default 3) after args.delayMs (default 200)"],
  ["slow", "Answers after args.ms milliseconds"],
  ["stderr", "Writes args.lines to stderr, then answers"],
  ["fail", "Answers with isError true"],
  ["mixed", "Answers with an embedded blob, an embedded text, audio and a resource link"],
  ["empty", "Answers with no content"],
  ["flood", "Writes a 17 MiB line to stdout"],
].map(([name, description]) => ({
  name,
  description,
  inputSchema: { type: "object", properties: {} },
}));

const send = (message) => process.stdout.write(JSON.stringify(message) + "\n");
const text = (t) => ({ content: [{ type: "text", text: t }] });

function callTool(id, name, args) {
  switch (name) {
    case "env": {
      const env = Object.fromEntries(Object.entries(process.env).sort());
      return send({ jsonrpc: "2.0", id, result: text(JSON.stringify({ env, cwd: process.cwd() })) });
    }
    case "crash":
      process.stderr.write("crashing on purpose\n");
      return setTimeout(() => process.exit(args.code ?? 3), args.delayMs ?? 200);
    case "slow":
      return setTimeout(() => send({ jsonrpc: "2.0", id, result: text("done") }), args.ms ?? 1000);
    case "stderr":
      for (const line of args.lines ?? []) process.stderr.write(line + "\n");
      return send({ jsonrpc: "2.0", id, result: text("written") });
    case "fail":
      return send({ jsonrpc: "2.0", id, result: { ...text("it broke: disk full"), isError: true } });
    case "mixed":
      return send({
        jsonrpc: "2.0",
        id,
        result: {
          content: [
            { type: "resource", resource: { uri: "file:///a.bin", mimeType: "application/pdf", blob: "JVBERi0=" } },
            { type: "resource", resource: { uri: "file:///b.txt", mimeType: "text/plain", text: "embedded text" } },
            { type: "audio", data: "AAAA", mimeType: "audio/wav" },
            { type: "resource_link", uri: "file:///c.txt", name: "c.txt" },
          ],
        },
      });
    case "flood":
      return process.stdout.write("x".repeat(17 * 1024 * 1024));
    case "empty":
      return send({ jsonrpc: "2.0", id, result: { content: [] } });
    default:
      return send({ jsonrpc: "2.0", id, error: { code: -32602, message: `Unknown tool: ${name}` } });
  }
}

createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const message = JSON.parse(line);
  if (message.id === undefined) return; // notifications need no answer
  switch (message.method) {
    case "initialize":
      return send({
        jsonrpc: "2.0",
        id: message.id,
        result: {
          protocolVersion: message.params.protocolVersion,
          capabilities: { tools: {} },
          serverInfo: { name: "fake-server", version: "1.2.3" },
        },
      });
    case "tools/list":
      return send({ jsonrpc: "2.0", id: message.id, result: { tools } });
    case "tools/call":
      return callTool(message.id, message.params.name, message.params.arguments ?? {});
    case "ping":
      return send({ jsonrpc: "2.0", id: message.id, result: {} });
    default:
      return send({ jsonrpc: "2.0", id: message.id, error: { code: -32601, message: "Method not found" } });
  }
});
