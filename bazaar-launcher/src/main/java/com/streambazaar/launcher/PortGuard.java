package com.streambazaar.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks ports before anything starts, so "port taken" is one clear sentence naming the port, who wants
 * it, who holds it and which variable moves it, rather than a bind exception buried in a service's log
 * half a minute later.
 */
public final class PortGuard {

    private PortGuard() {
    }

    /** Fails with an actionable message when {@code port} is taken. */
    public static void requireFree(int port, String wantedBy, String variable) {
        if (isFree(port)) {
            return;
        }
        String holder = listenerOf(port).map(h -> " by " + h).orElse("");
        throw new LauncherException("Port " + port + " is already in use" + holder + ". " + wantedBy
                + " wants it: stop that process or set " + variable + " to another port.");
    }

    /** Free means nothing listens on it on any address: we bind the wildcard address, as the services do. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            return false;
        }
        // a listener bound to 127.0.0.1 only can coexist with a wildcard bind on some systems; ask it too
        return !accepts("127.0.0.1", port, 200);
    }

    public static boolean accepts(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * "pid 1234 (java -jar ...)" for whatever listens on the port, found through /proc (Linux only; empty
     * elsewhere or when the process belongs to another user).
     */
    public static Optional<String> listenerOf(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            inodes.addAll(listeningInodes(Path.of(table), port));
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (holdsSocket(process, inodes)) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    String command = ProcessHandle.of(pid).map(PortGuard::describe).orElse("?");
                    return Optional.of("pid " + pid + " (" + command + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        if (!Files.isReadable(table)) {
            return inodes;
        }
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] columns = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; 0A = LISTEN
                if (columns.length > 9 && columns[1].endsWith(hexPort) && columns[3].equals("0A")) {
                    inodes.add(columns[9]);
                }
            }
        } catch (IOException e) {
            // fall through with what we have
        }
        return inodes;
    }

    private static boolean holdsSocket(Path process, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException e) {
                    // the fd closed while we looked
                }
            }
        } catch (IOException e) {
            // not ours to look at, or gone
        }
        return false;
    }

    /**
     * A command line a person recognises: for a JVM, "java -jar x.jar args" or "java main.Class args"
     * without the wall of -X and -D options in front.
     */
    static String describe(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        String executable = info.command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("?");
        List<String> args = info.arguments().map(List::of).orElse(List.of());
        if (!executable.equals("java")) {
            return abbreviate(info.commandLine().orElse(executable));
        }
        StringBuilder out = new StringBuilder("java");
        boolean program = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!program && (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path"))) {
                i++;
            } else if (!program && arg.equals("-jar")) {
                out.append(" -jar");
            } else if (program || !arg.startsWith("-")) {
                program = true;
                out.append(' ').append(arg);
            }
        }
        return abbreviate(out.toString());
    }

    static String abbreviate(String command) {
        return command.length() <= 120 ? command : command.substring(0, 117) + "...";
    }
}
