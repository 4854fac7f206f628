package com.streambazaar.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bazaar down}: asks the running launcher to stop (SIGTERM runs its shutdown hook, which stops
 * the children in order), waits for it, and then removes whatever a crashed run left behind.
 */
public final class StackStopper {

    /** services 10 s + broker 30 s + Postgres, with room to spare before we stop asking nicely */
    private static final Duration LAUNCHER_STOP_GRACE = Duration.ofSeconds(75);

    private final StateDirectory state;

    public StackStopper(StateDirectory state) {
        this.state = state;
    }

    public int stop() {
        long begin = System.nanoTime();
        Optional<ProcessHandle> launcher = runningLauncher();
        if (launcher.isPresent()) {
            ProcessHandle handle = launcher.get();
            StackLauncher.say("Stopping the Stream Bazaar stack (launcher pid " + handle.pid() + ")...");
            handle.destroy();
            try {
                handle.onExit().get(LAUNCHER_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                StackLauncher.say("The launcher did not stop within " + LAUNCHER_STOP_GRACE.toSeconds() + " s; killing it.");
                handle.destroyForcibly();
                waitFor(handle);
            }
            echoDetachedStopReport(begin);
        } else {
            StackLauncher.say("No Stream Bazaar launcher is running from " + state.root() + ".");
        }
        if (state.launcherRunning()) {
            // some launcher still holds the folder (one we could not identify, or one starting right now):
            // its children are its business, not leftovers
            StackLauncher.say("A launcher still holds " + state.root() + "; its processes were left alone. Try again in a moment.");
            return LauncherException.FAILED;
        }
        List<String> leftovers = new LeftoverProcessReaper(state).reap();
        if (!leftovers.isEmpty()) {
            StackLauncher.say("Stopped leftovers: " + String.join(", ", leftovers));
        }
        state.deletePid(StateDirectory.LAUNCHER);
        state.deleteStack();
        if (launcher.isPresent() || !leftovers.isEmpty()) {
            StackLauncher.say("Stopped in " + StackLauncher.seconds(System.nanoTime() - begin) + ".");
        }
        return 0;
    }

    /**
     * The launcher of this state folder, if one runs: it holds the folder's lock, and the pid file's
     * process must be a launcher for this folder (a stale file may name a reused pid).
     */
    private Optional<ProcessHandle> runningLauncher() {
        if (!state.launcherRunning()) {
            return Optional.empty();
        }
        OptionalLong pid = state.readPid(StateDirectory.LAUNCHER);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        String root = state.root().toString();
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains("bazaar-launcher") || c.contains(StackLauncher.class.getName()))
                        .orElse(false))
                .filter(h -> h.info().commandLine().map(c -> c.contains(root)).orElse(true));
    }

    /**
     * A detached launcher (./bazaar up -d) reported its stop in logs/launcher.log; show that report here,
     * where the person who asked is looking. A foreground launcher printed it in its own terminal.
     */
    private void echoDetachedStopReport(long beginNanos) {
        Path log = state.logFile(StateDirectory.LAUNCHER);
        try {
            if (!Files.exists(log)) {
                return;
            }
            long ageMillis = System.currentTimeMillis() - Files.getLastModifiedTime(log).toMillis();
            if (ageMillis > TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beginNanos) + 1_000) {
                return; // not written by this stop
            }
            List<String> lines = Files.readAllLines(log);
            int start = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("Stopping Stream Bazaar")) {
                    start = i + 1;
                }
            }
            if (start > 0) {
                lines.subList(start, lines.size()).stream().filter(line -> line.startsWith("  ")).forEach(StackLauncher::say);
            }
        } catch (IOException | RuntimeException e) {
            // the report is a courtesy
        }
    }

    private static void waitFor(ProcessHandle handle) {
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // reaping below takes care of its children either way
        }
    }
}
