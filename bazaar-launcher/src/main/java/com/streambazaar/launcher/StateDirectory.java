package com.streambazaar.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The {@code .bazaar/} folder: what survives between runs (broker data, embedded Postgres data, auth's
 * dev signing keys), what describes the running stack (pid files, {@code stack.properties}) and the logs.
 *
 * <pre>
 * .bazaar/
 *   kafka/        server.properties, cluster.id, data/   (kept: topics and offsets survive restarts)
 *   postgres/     embedded server's data directory       (kept)
 *   keys/         auth-service's dev signing keys         (kept: tokens stay valid across restarts)
 *   logs/         one log per process, previous run's as *.log.1
 *   launcher.pid, launcher.lock, &lt;process&gt;.pid, stack.properties (only while running)
 * </pre>
 *
 * One launcher per state folder: {@link #lock()} takes an OS file lock that dies with the process, so a
 * crashed launcher never blocks the next start, unlike a pid file alone.
 */
public final class StateDirectory {

    static final String LAUNCHER = "launcher";
    private static final String PID_SUFFIX = ".pid";

    private final Path root;

    public StateDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path kafkaDir() {
        return root.resolve("kafka");
    }

    public Path postgresDir() {
        return root.resolve("postgres");
    }

    public Path keysDir() {
        return root.resolve("keys");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    public Path logFile(String process) {
        return logsDir().resolve(process + ".log");
    }

    public Path stackFile() {
        return root.resolve("stack.properties");
    }

    /** The {@code -D} argument every child JVM carries, so a leftover one can be recognised as ours. */
    public String processMarker() {
        return "-Dbazaar.stack=" + root;
    }

    public void create() {
        try {
            for (Path dir : List.of(root, kafkaDir(), keysDir(), logsDir())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot create the state folder " + root + ": " + e.getMessage());
        }
    }

    /**
     * Takes the folder's lock, or returns empty when another launcher holds it. The lock is released by the
     * OS when the process ends, however it ends.
     */
    public Optional<FileLock> lock() {
        try {
            FileChannel channel = FileChannel.open(root.resolve("launcher.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM: still "taken"
            }
            if (lock == null) {
                channel.close();
            }
            return Optional.ofNullable(lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True while a launcher holds the lock (checked by taking and dropping it). */
    public boolean launcherRunning() {
        if (!Files.isDirectory(root)) {
            return false;
        }
        Optional<FileLock> lock = lock();
        lock.ifPresent(StateDirectory::release);
        return lock.isEmpty();
    }

    static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // the OS drops it at exit anyway
        }
    }

    public Path pidFile(String process) {
        return root.resolve(process + PID_SUFFIX);
    }

    public void writePid(String process, long pid) {
        write(pidFile(process), pid + "\n");
    }

    public OptionalLong readPid(String process) {
        try {
            String text = Files.readString(pidFile(process)).trim();
            return OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public void deletePid(String process) {
        delete(pidFile(process));
    }

    /** The names of processes that have a pid file (the launcher's own excluded). */
    public List<String> pidFileNames() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(PID_SUFFIX))
                    .map(name -> name.substring(0, name.length() - PID_SUFFIX.length()))
                    .filter(name -> !name.equals(LAUNCHER))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Moves the previous run's log aside so each log starts with this run and the last one is still there. */
    public Path freshLog(String process) {
        Path log = logFile(process);
        try {
            Files.createDirectories(logsDir());
            if (Files.exists(log)) {
                Files.move(log, logsDir().resolve(process + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createFile(log);
        } catch (IOException e) {
            throw new LauncherException("Cannot create log file " + log + ": " + e.getMessage());
        }
        return log;
    }

    /** The log of a process started again while the stack runs: appended to, with a line saying so. */
    public Path continuedLog(String process) {
        Path log = logFile(process);
        try {
            Files.createDirectories(logsDir());
            Files.writeString(log, System.lineSeparator() + "---- " + java.time.Instant.now() + " started again by the launcher"
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LauncherException("Cannot write log file " + log + ": " + e.getMessage());
        }
        return log;
    }

    /** The last lines of a process's log, for error messages. */
    public String logTail(String process, int lines) {
        return tail(logFile(process), lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> stream = Files.lines(file, StandardCharsets.UTF_8)) {
            stream.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return last.isEmpty() ? "(the log is empty)" : String.join(System.lineSeparator(), new ArrayList<>(last));
    }

    public void writeStack(Properties stack) {
        try (var out = Files.newBufferedWriter(stackFile())) {
            stack.store(out, "The running Stream Bazaar stack (written by the launcher, removed when it stops)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Properties> readStack() {
        if (!Files.exists(stackFile())) {
            return Optional.empty();
        }
        Properties stack = new Properties();
        try (var in = Files.newBufferedReader(stackFile())) {
            stack.load(in);
            return Optional.of(stack);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void deleteStack() {
        delete(stackFile());
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover pid file is checked against the live process next time, so it cannot do harm
        }
    }
}
