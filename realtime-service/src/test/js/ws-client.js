// A plain WebSocket client (the ws package) for /ws, driven like sio-client.js.
const WebSocket = require("ws");

const config = JSON.parse(process.argv[2] || "{}");
const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");

const ws = new WebSocket(config.url, config.protocols || [], { headers: config.headers || {} });
ws.on("open", () => print({ type: "open", protocol: ws.protocol }));
ws.on("message", (data, isBinary) => {
  const text = data.toString();
  let frame = null;
  try { frame = JSON.parse(text); } catch (e) { /* printed raw */ }
  print({ type: "frame", frame, text: frame ? undefined : text });
});
ws.on("unexpected-response", (req, res) => { print({ type: "refused", status: res.statusCode }); process.exit(0); });
ws.on("close", (code) => { print({ type: "close", code }); });
ws.on("error", (err) => print({ type: "error", message: err.message }));

require("readline").createInterface({ input: process.stdin }).on("line", (text) => {
  let cmd;
  try { cmd = JSON.parse(text); } catch (e) { return; }
  if (cmd.cmd === "send") ws.send(JSON.stringify(cmd.frame));
  else if (cmd.cmd === "raw") ws.send(cmd.text);
  else if (cmd.cmd === "exit") { ws.close(); setTimeout(() => process.exit(0), 50); }
});
process.stdin.on("end", () => { ws.close(); setTimeout(() => process.exit(0), 50); });
print({ type: "started" });
