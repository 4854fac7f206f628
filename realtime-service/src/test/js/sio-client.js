// A stock socket.io-client driven by a JUnit test: options come as JSON in argv[2], commands as JSON lines on
// stdin, and everything the client sees is printed as one JSON line on stdout.
const { io } = require("socket.io-client");

const config = JSON.parse(process.argv[2] || "{}");
const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");

const socket = io(config.url, config.options || {});

function watchEngine() {
  const engine = socket.io.engine;
  if (!engine || engine.__watched) return;
  engine.__watched = true;
  print({ type: "engine-open", transport: engine.transport.name });
  engine.on("upgrade", (transport) => print({ type: "upgrade", transport: transport.name }));
}
socket.io.on("open", watchEngine);
socket.io.on("reconnect_attempt", (n) => print({ type: "reconnect-attempt", attempt: n }));

socket.on("connect", () => {
  watchEngine();
  print({ type: "connect", id: socket.id, engineId: socket.io.engine.id, recovered: socket.recovered === true,
          transport: socket.io.engine.transport.name });
});
socket.on("connect_error", (err) => print({ type: "connect_error", message: err.message, data: err.data || null }));
socket.on("disconnect", (reason) => print({ type: "disconnect", reason }));
socket.onAny((name, ...args) => print({ type: "event", name, args,
                                         transport: socket.io.engine ? socket.io.engine.transport.name : null }));

const readline = require("readline");
readline.createInterface({ input: process.stdin }).on("line", (text) => {
  let cmd;
  try { cmd = JSON.parse(text); } catch (e) { print({ type: "bad-command", text }); return; }
  switch (cmd.cmd) {
    case "emit":
      if (cmd.ack) {
        socket.emit(cmd.event, ...(cmd.args || [cmd.data]), (...answer) => print({ type: "ack", ref: cmd.ack, args: answer }));
      } else {
        socket.emit(cmd.event, ...(cmd.args || [cmd.data]));
      }
      break;
    case "raw":
      // a hostile frame straight onto the Engine.IO transport
      socket.io.engine.send(cmd.text);
      break;
    case "drop":
      // the transport dies without a goodbye: the manager reconnects by itself after reconnectionDelay
      socket.io.engine.close();
      break;
    case "transport":
      print({ type: "transport", transport: socket.io.engine.transport.name, connected: socket.connected });
      break;
    case "exit":
      socket.disconnect();
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
process.stdin.on("end", () => { socket.disconnect(); setTimeout(() => process.exit(0), 50); });
print({ type: "started" });
