package com.streambazaar.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Stops what a crashed launcher left behind (kill -9, a closed terminal, an OOM): services, the broker and
 * the embedded Postgres keep running and hold their ports and data directories, and the next start would
 * fail on them.
 *
 * <p>A pid alone is not trusted, since the OS reuses them: a process is only stopped when its command line
 * shows it is ours, either the {@code -Dbazaar.stack=<state folder>} marker every child JVM carries or, for
 * Postgres, its data directory inside the state folder. The same check finds our children when a pid
 * file was never written.
 */
public final class LeftoverProcessReaper {

    /** A process to stop, and the name to report it under. */
    record Leftover(String name, ProcessHandle handle) {
    }

    private final StateDirectory state;

    public LeftoverProcessReaper(StateDirectory state) {
        this.state = state;
    }

    /**
     * Stops every leftover of this state folder (services first, then the broker, then Postgres, like a
     * normal stop) and removes their pid files. Returns what was stopped, for the message.
     */
    public List<String> reap() {
        List<Leftover> leftovers = find();
        List<String> stopped = new ArrayList<>();
        // services together, then the broker, then Postgres: the order of a normal stop
        for (int group = 0; group <= 2; group++) {
            final int order = group;
            List<Leftover> batch = leftovers.stream().filter(l -> stopOrder(l.name()) == order).toList();
            if (batch.isEmpty()) {
                continue;
            }
            long begin = System.nanoTime();
            for (Leftover leftover : batch) {
                if (leftover.name().equals("postgres")) {
                    // SIGTERM is Postgres's "smart" shutdown, which waits for every client (a forgotten psql)
                    // to leave; SIGINT is its "fast" one, safe for the data
                    signal(leftover.handle(), "INT");
                } else {
                    leftover.handle().destroy();
                }
            }
            Duration grace = order == 1 ? Duration.ofSeconds(20) : Duration.ofSeconds(10);
            for (Leftover leftover : batch) {
                long left = grace.toNanos() - (System.nanoTime() - begin);
                terminate(leftover.handle(), Duration.ofNanos(Math.max(left, 0)));
                stopped.add(leftover.name() + " (pid " + leftover.handle().pid() + ", "
                        + StackLauncher.seconds(System.nanoTime() - begin) + ")");
            }
        }
        for (String name : state.pidFileNames()) {
            state.deletePid(name);
        }
        return stopped;
    }

    List<Leftover> find() {
        Map<Long, Leftover> found = new LinkedHashMap<>();
        for (String name : state.pidFileNames()) {
            OptionalLong pid = state.readPid(name);
            if (pid.isPresent()) {
                ProcessHandle.of(pid.getAsLong())
                        .filter(ProcessHandle::isAlive)
                        .filter(this::isOurs)
                        .ifPresent(handle -> found.put(handle.pid(), new Leftover(name, handle)));
            }
        }
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses()
                .filter(handle -> handle.pid() != self && !found.containsKey(handle.pid()))
                .filter(this::carriesMarker)
                .forEach(handle -> found.put(handle.pid(), new Leftover(guessName(handle), handle)));
        postmasterPid().ifPresent(handle -> found.putIfAbsent(handle.pid(), new Leftover("postgres", handle)));
        return new ArrayList<>(found.values());
    }

    private boolean isOurs(ProcessHandle handle) {
        return carriesMarker(handle) || isOurPostgres(handle);
    }

    private boolean carriesMarker(ProcessHandle handle) {
        String marker = state.processMarker();
        return arguments(handle).stream().anyMatch(marker::equals);
    }

    private boolean isOurPostgres(ProcessHandle handle) {
        String dataDir = state.postgresDir().toString();
        return arguments(handle).stream().anyMatch(dataDir::equals)
                || handle.info().commandLine().map(c -> c.contains(dataDir)).orElse(false);
    }

    /**
     * The embedded server's postmaster, from the pid file Postgres itself keeps in its data directory (the
     * launcher never starts it directly: pg_ctl daemonises it).
     */
    private Optional<ProcessHandle> postmasterPid() {
        Path pidFile = state.postgresDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurPostgres);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static List<String> arguments(ProcessHandle handle) {
        return handle.info().arguments().map(Arrays::asList).orElse(List.of());
    }

    private static String guessName(ProcessHandle handle) {
        List<String> args = arguments(handle);
        if (args.contains("kafka.Kafka")) {
            return "kafka";
        }
        for (ServiceSpec spec : ServiceSpec.DEFAULTS) {
            if (args.stream().anyMatch(a -> a.contains(spec.module()))) {
                return spec.name();
            }
        }
        return "process";
    }

    private static int stopOrder(String name) {
        return switch (name) {
            case "kafka" -> 1;
            case "postgres" -> 2;
            default -> 0;
        };
    }

    /** Sends a signal Java has no API for, through kill(1). */
    static void signal(ProcessHandle handle, String signal) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(handle.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // terminate() follows with SIGTERM anyway
        }
    }

    /** After the polite signal: wait out the grace period, then SIGKILL, as a normal stop does. */
    static void terminate(ProcessHandle handle, Duration grace) {
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the port check that follows, if it still matters
            }
        }
    }
}
