package com.streambazaar.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the stack (the broker, a service): started with its output in its own log file and
 * its pid in the state folder, stopped politely and then firmly.
 *
 * <p>Children run in their own session ({@code setsid}) when the tool exists. Without it, Ctrl-C in the
 * terminal would reach every child at the same moment as the launcher, and the services would lose the
 * broker and the database while still shutting down; with it, only the launcher gets the signal and stops
 * them in order.
 */
public final class SupervisedProcess {

    private static final Path SETSID = findSetsid();

    private final String name;
    private final Process process;
    private final Path log;
    private final StateDirectory state;
    private final long startedNanos = System.nanoTime();

    private SupervisedProcess(String name, Process process, Path log, StateDirectory state) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.state = state;
    }

    /**
     * Starts {@code command} in {@code workDir} with the given environment added to the launcher's own,
     * output (stdout and stderr) to {@code .bazaar/logs/<name>.log}.
     */
    public static SupervisedProcess start(String name, List<String> command, Path workDir,
                                          Map<String, String> extraEnv, StateDirectory state) {
        return start(name, command, workDir, extraEnv, state, false);
    }

    /**
     * The same; {@code again} (a process of the running stack started once more, by {@code ./bazaar start} or
     * {@code restart}) appends to its log instead of starting a fresh one, so the log keeps what led to the restart.
     */
    public static SupervisedProcess start(String name, List<String> command, Path workDir,
                                          Map<String, String> extraEnv, StateDirectory state, boolean again) {
        Path log = again ? state.continuedLog(name) : state.freshLog(name);
        List<String> fullCommand = new ArrayList<>();
        if (SETSID != null) {
            // setsid only forks when the caller leads a process group, which a spawned child never does,
            // so the pid we record is the java process itself
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(fullCommand)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(extraEnv);
        try {
            Process process = builder.start();
            state.writePid(name, process.pid());
            return new SupervisedProcess(name, process, log, state);
        } catch (IOException e) {
            throw new LauncherException("Cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public int exitCode() {
        return process.exitValue();
    }

    public String logTail(int lines) {
        return StateDirectory.tail(log, lines);
    }

    /**
     * SIGTERM, then SIGKILL after {@code grace}: JVMs run their shutdown (Quarkus closes its pools and
     * consumers, Kafka flushes its logs) on SIGTERM. Returns how long it took.
     */
    public Duration stop(Duration grace) {
        long begin = System.nanoTime();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        state.deletePid(name);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** SIGKILL, no grace (a crash, for fault runs): nothing of the process's own shutdown runs. */
    public Duration kill() {
        long begin = System.nanoTime();
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state.deletePid(name);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static Path findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
