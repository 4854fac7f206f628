// Real socket.io-client viewers for the fan-out benchmark: N clients in one Node process join a room and time every
// chat message they receive against the send time the generator put in its text ("b<nanoTime>w<epochMicros>").
// Config as JSON in argv[2] ({url, sessionId, count, options}); commands as JSON lines on stdin; one JSON line out each.
const { io } = require("socket.io-client");

const config = JSON.parse(process.argv[2] || "{}");
const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");
const nowMicros = () => (performance.timeOrigin + performance.now()) * 1000;

const sent = [];
const took = [];
const transports = {};
let joined = 0;
let failed = 0;
const sockets = [];

for (let i = 0; i < config.count; i++) {
  const socket = io(config.url, Object.assign({ forceNew: true, reconnection: false }, config.options || {}));
  sockets.push(socket);
  socket.on("connect", () => {
    socket.emit("join-session", { sessionId: config.sessionId }, () => {
      joined++;
      if (joined === config.count) print({ type: "joined", joined });
    });
  });
  socket.on("connect_error", (err) => {
    failed++;
    print({ type: "connect_error", message: err.message });
  });
  socket.on("new-message", (m) => {
    const text = m && m.message;
    if (typeof text !== "string" || text[0] !== "b") return;
    const w = text.indexOf("w");
    if (w < 0) return;
    const at = Number(text.slice(w + 1));
    sent.push(at);
    took.push(nowMicros() - at);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index] / 10) / 100;
}

require("readline").createInterface({ input: process.stdin }).on("line", (text) => {
  const cmd = JSON.parse(text);
  if (cmd.cmd === "report") {
    const window = [];
    for (let i = 0; i < sent.length; i++) {
      if (sent[i] >= cmd.from && sent[i] < cmd.to) window.push(took[i]);
    }
    window.sort((a, b) => a - b);
    for (const socket of sockets) {
      const name = socket.io.engine && socket.io.engine.transport ? socket.io.engine.transport.name : "none";
      transports[name] = (transports[name] || 0) + 1;
    }
    print({ type: "report", clients: joined, failed, deliveries: window.length, p50Ms: percentile(window, 50),
            p99Ms: percentile(window, 99), maxMs: percentile(window, 100), transports });
  } else if (cmd.cmd === "exit") {
    sockets.forEach((socket) => socket.disconnect());
    setTimeout(() => process.exit(0), 100);
  }
});
process.stdin.on("end", () => process.exit(0));
print({ type: "started", count: config.count });
