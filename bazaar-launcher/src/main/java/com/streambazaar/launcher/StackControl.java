package com.streambazaar.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code ./bazaar stop|start|restart|kill <process>}: one process of a running stack (the broker, an embedded Postgres,
 * a service or one realtime replica) taken away and brought back by the launcher that owns it, so the new process is
 * started exactly as at {@code up} (same command, environment, log and pid file) and is stopped with the rest at
 * {@code down}. Fault runs use it to stop the broker or the database for a while and to restart services under load.
 *
 * <p>The running launcher listens on a Unix domain socket in the state folder ({@code control.sock}, mode 0600: only
 * its owner can talk to it; nothing listens on the network). One request per connection: a line
 * {@code <verb> <process>}; the answer is progress lines and a last line {@code OK} or {@code ERROR <why>}. Requests
 * run one at a time.
 */
public final class StackControl implements AutoCloseable {

    static final String SOCKET = "control.sock";
    static final List<String> VERBS = List.of("stop", "start", "restart", "kill");
    /** Unix socket paths are limited to about 108 bytes by the kernel. */
    private static final int MAX_SOCKET_PATH = 100;

    /** Carries out one request; progress lines go to {@code progress}, a refusal is a {@link LauncherException}. */
    interface Handler {
        void handle(String verb, String process, Consumer<String> progress);
    }

    private final ServerSocketChannel server;
    private final Path path;
    private final Thread acceptor;

    private StackControl(ServerSocketChannel server, Path path, Handler handler) {
        this.server = server;
        this.path = path;
        this.acceptor = new Thread(() -> serve(handler), "bazaar-control");
        this.acceptor.setDaemon(true);
    }

    /** Listens on {@code <state>/control.sock}; null (with a warning) when the socket cannot be made. */
    static StackControl listen(StateDirectory state, Handler handler, Consumer<String> warn) {
        Path path = state.root().resolve(SOCKET);
        if (path.toString().length() > MAX_SOCKET_PATH) {
            warn.accept("  ./bazaar stop|start|restart|kill are not available: the state folder's path is too long for a "
                    + "Unix socket (" + path + ")");
            return null;
        }
        try {
            Files.deleteIfExists(path);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            StackControl control = new StackControl(server, path, handler);
            control.acceptor.start();
            return control;
        } catch (IOException | UnsupportedOperationException e) {
            warn.accept("  ./bazaar stop|start|restart|kill are not available: cannot listen on " + path + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private void serve(Handler handler) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client, handler);
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private static void answer(SocketChannel client, Handler handler) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client);
        Consumer<String> send = line -> {
            try {
                out.write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the asker went away; the request still completes
            }
        };
        String request = in.readLine();
        String[] words = request == null ? new String[0] : request.trim().split("\\s+");
        if (words.length != 2 || !VERBS.contains(words[0].toLowerCase(Locale.ROOT))) {
            send.accept("ERROR expected '<" + String.join("|", VERBS) + "> <process>'");
            return;
        }
        try {
            handler.handle(words[0].toLowerCase(Locale.ROOT), words[1], line -> send.accept("  " + line));
            send.accept("OK");
        } catch (LauncherException e) {
            send.accept("ERROR " + e.getMessage());
        } catch (RuntimeException e) {
            send.accept("ERROR " + e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // removed with the state folder's other run files
        }
    }

    /**
     * The command-line side: sends {@code verb process} to the launcher running from {@code state}, prints its progress
     * and returns the exit code (0 done, 1 refused or failed, 3 no stack running).
     */
    static int request(StateDirectory state, String verb, String process) {
        Path path = state.root().resolve(SOCKET);
        if (!state.launcherRunning() || !Files.exists(path)) {
            StackLauncher.say("No Stream Bazaar stack is running from " + state.root() + " (start it with ./bazaar up).");
            return StackStatus.NOT_RUNNING;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write((verb + " " + process + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("OK")) {
                    return 0;
                }
                if (line.startsWith("ERROR ")) {
                    System.err.println("ERROR: " + line.substring(6));
                    return LauncherException.FAILED;
                }
                StackLauncher.say(line);
            }
            System.err.println("ERROR: the launcher closed the connection without an answer (did it stop?)");
            return LauncherException.FAILED;
        } catch (IOException e) {
            System.err.println("ERROR: cannot reach the launcher at " + path + ": " + e.getMessage());
            return LauncherException.FAILED;
        }
    }
}
