package com.streambazaar.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * {@code ./bazaar status}: what runs from this state folder, checked live (pids, readiness, the edge's
 * health), not just read back from files. Exit code 0 when a stack runs, 3 when none does (as
 * {@code systemctl status} does), so scripts can ask.
 */
public final class StackStatus {

    static final int NOT_RUNNING = 3;

    private final StateDirectory state;

    public StackStatus(StateDirectory state) {
        this.state = state;
    }

    public int print() {
        if (!state.launcherRunning()) {
            StackLauncher.say("No Stream Bazaar stack is running from " + state.root() + ".");
            List<LeftoverProcessReaper.Leftover> leftovers = new LeftoverProcessReaper(state).find();
            if (!leftovers.isEmpty()) {
                StackLauncher.say("Leftovers of a run that did not stop cleanly are still running: "
                        + String.join(", ", leftovers.stream().map(l -> l.name() + " (pid " + l.handle().pid() + ")").toList())
                        + ". ./bazaar down (or the next ./bazaar up) stops them.");
            }
            return NOT_RUNNING;
        }
        OptionalLong launcherPid = state.readPid(StateDirectory.LAUNCHER);
        String launcher = launcherPid.isPresent() ? "pid " + launcherPid.getAsLong() : "pid unknown";
        Optional<Properties> stack = state.readStack();
        if (stack.isEmpty()) {
            StackLauncher.say("Stream Bazaar is starting (launcher " + launcher + "). Processes so far:");
            for (String name : state.pidFileNames()) {
                OptionalLong pid = state.readPid(name);
                line(name, pid.isPresent() ? "pid " + pid.getAsLong() : "", alive(pid) ? "running" : "not running");
            }
            return 0;
        }
        Properties p = stack.get();
        StackLauncher.say("Stream Bazaar is running (launcher " + launcher + ", up since " + p.getProperty("started.at") + ")");
        String edgeUrl = p.getProperty("edge.url");
        line("edge", edgeUrl, httpOk(edgeUrl.replace("localhost", "127.0.0.1") + "/health") ? "healthy" : "NOT ANSWERING");
        for (String name : p.getProperty("services", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            OptionalLong pid = parse(p.getProperty("service." + name + ".pid"));
            int port = Integer.parseInt(p.getProperty("service." + name + ".port"));
            String health = !alive(pid) ? "EXITED (see logs/" + name + ".log)"
                    : ServiceProcess.isReady(port) ? "ready" : "running, NOT READY";
            line(name, "http://127.0.0.1:" + port + "  pid " + pid.orElse(-1), health);
        }
        OptionalLong kafkaPid = parse(p.getProperty("kafka.pid"));
        String bootstrap = p.getProperty("kafka.bootstrap");
        String kafkaState = kafkaPid.isPresent() && !alive(kafkaPid) ? "EXITED (see logs/kafka.log)"
                : accepts(bootstrap) ? "accepting connections" : "NOT ANSWERING";
        line("kafka", bootstrap + kafkaPid.stream().mapToObj(pid -> "  pid " + pid).findFirst().orElse(""),
                kafkaState + " (" + p.getProperty("kafka.kind") + ")");
        line("postgres", p.getProperty("postgres.url"), p.getProperty("postgres.kind"));
        line("logs", p.getProperty("logs"), "");
        return 0;
    }

    private static void line(String name, String where, String health) {
        StackLauncher.say(String.format(Locale.ROOT, "  %-10s %-48s %s", name, where, health));
    }

    private static boolean alive(OptionalLong pid) {
        return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static OptionalLong parse(String value) {
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean accepts(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try {
            return PortGuard.accepts(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)), 1_000);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean httpOk(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
