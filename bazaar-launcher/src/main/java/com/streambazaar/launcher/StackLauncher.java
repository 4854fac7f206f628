package com.streambazaar.launcher;

import io.vertx.core.net.SocketAddress;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar bazaar-launcher.jar [up|down|status] --root <repo> --state <repo>/.bazaar}: the whole
 * Stream Bazaar stack on one machine, no Docker. {@code ./bazaar} at the repository root is the friendly
 * front door (it builds what is missing first); this is what it runs.
 *
 * <p>{@code up} starts, in order: a Kafka broker (its own JVM) and Postgres (external, local or embedded),
 * then the edge router on port 3000 and the five services (one JVM each) in parallel, and waits for each
 * service's readiness check. It then stays in the foreground until Ctrl-C or {@code down}, and stops
 * everything in reverse: services first (they still flush events and close pools), then the broker, then
 * an embedded Postgres.
 */
public final class StackLauncher {

    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final LauncherSettings settings;
    private final StateDirectory state;
    private final JavaRuntime java = JavaRuntime.current();
    private final CountDownLatch stopped = new CountDownLatch(1);

    // everything below is guarded by "this": the shutdown hook may run while start-up is still going on
    private FileLock lock;
    private boolean stopping;
    private KafkaBrokerProcess kafka;
    private PostgresProvider postgres;
    private DatabaseEndpoint database;
    private EdgeRouter edge;
    private EdgeAccessLog edgeLog;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** Processes stopped on purpose (./bazaar stop, restart, kill): their exit is no surprise. */
    private final Set<SupervisedProcess> expectedExits = Collections.newSetFromMap(new IdentityHashMap<>());
    private StackControl control;
    /** One control request at a time; never held together with "this" while waiting for a process. */
    private final Object controlLock = new Object();

    StackLauncher(LauncherSettings settings) {
        this.settings = settings;
        this.state = new StateDirectory(settings.stateDir());
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        int exitCode;
        try {
            Invocation invocation = Invocation.parse(args);
            LauncherSettings settings = LauncherSettings.from(invocation.root(), invocation.state(), System.getenv());
            exitCode = switch (invocation.command()) {
                case "up" -> new StackLauncher(settings).up();
                case "down" -> new StackStopper(new StateDirectory(settings.stateDir())).stop();
                case "status" -> new StackStatus(new StateDirectory(settings.stateDir())).print();
                case "stop", "start", "restart", "kill" -> StackControl.request(new StateDirectory(settings.stateDir()),
                        invocation.command(), invocation.target().orElseThrow(() -> new LauncherException(
                                invocation.command() + " needs a process: kafka, postgres or a service (auth, session, "
                                        + "catalog, realtime, realtime-2, ..., analytics).\n" + Invocation.USAGE)));
                default -> throw new LauncherException("Unknown command '" + invocation.command() + "'.\n" + Invocation.USAGE);
            };
        } catch (LauncherException e) {
            if (e.exitCode() == LauncherException.INTERRUPTED) {
                say(e.getMessage());
            } else {
                System.err.println();
                System.err.println("ERROR: " + e.getMessage());
            }
            exitCode = e.exitCode();
        } catch (RuntimeException e) {
            // a bug of ours rather than of the setup: the trace is what the person fixing it will need
            System.err.println();
            System.err.println("ERROR: the launcher failed unexpectedly:");
            e.printStackTrace();
            exitCode = LauncherException.FAILED;
        }
        System.exit(exitCode);
    }

    /** Starts the stack and blocks until it has been stopped again. */
    int up() {
        long begin = System.nanoTime();
        state.create();
        lock = state.lock().orElseThrow(this::alreadyRunning);
        state.writePid(StateDirectory.LAUNCHER, ProcessHandle.current().pid());
        say("Stream Bazaar: starting from " + settings.repoRoot() + " (state in " + shortPath(state.root()) + ")");

        List<String> leftovers = new LeftoverProcessReaper(state).reap();
        if (!leftovers.isEmpty()) {
            say("  stopped leftovers of a previous run that did not shut down: " + String.join(", ", leftovers));
        }
        state.deleteStack();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "bazaar-stop"));
        try {
            for (ServiceSpec spec : settings.selectedServices()) {
                ServiceProcess.requireJar(spec, settings.repoRoot());
            }
            checkPorts();
            startInfrastructure();
            startEdge();
            startServices();
            awaitServices();
        } catch (RuntimeException e) {
            if (isStopping()) {
                // the shutdown hook is already stopping everything; what failed here is a consequence of that
                throw new LauncherException("Stopped while starting.", LauncherException.INTERRUPTED);
            }
            // stop what did start before explaining, so the explanation is the last thing on screen
            stopAll();
            throw e;
        }
        printSummary(Duration.ofNanos(System.nanoTime() - begin));
        synchronized (this) {
            control = StackControl.listen(state, this::control, StackLauncher::say);
        }
        // written last: ./bazaar up -d takes its appearance as "the stack is up"
        writeStackFile();
        watchForUnexpectedExits();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private LauncherException alreadyRunning() {
        OptionalLong pid = state.readPid(StateDirectory.LAUNCHER);
        return new LauncherException("A Stream Bazaar stack is already running from " + state.root()
                + pid.stream().mapToObj(p -> " (launcher pid " + p + ")").findFirst().orElse("")
                + ". See ./bazaar status, or stop it with ./bazaar down.", LauncherException.ALREADY_RUNNING);
    }

    /** Every port we are about to bind, checked up front and against each other. */
    private void checkPorts() {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        Map<Integer, String> variables = new LinkedHashMap<>();
        List<String[]> ports = new ArrayList<>();
        ports.add(new String[]{Integer.toString(settings.edgePort()), "The edge router", "BAZAAR_EDGE_PORT"});
        for (ServiceSpec spec : settings.selectedServices()) {
            String who = spec.name().equals(spec.service()) ? "The " + spec.name() + " service" : "Replica " + spec.name();
            ports.add(new String[]{Integer.toString(spec.port()), who, spec.portVariable()});
        }
        if (settings.externalKafka().isEmpty()) {
            ports.add(new String[]{Integer.toString(settings.kafkaPort()), "Kafka", "BAZAAR_KAFKA_PORT"});
            ports.add(new String[]{Integer.toString(settings.kafkaControllerPort()), "Kafka's controller", "BAZAAR_KAFKA_CONTROLLER_PORT"});
        }
        for (String[] entry : ports) {
            int port = Integer.parseInt(entry[0]);
            if (wanted.containsKey(port)) {
                throw new LauncherException(entry[1] + " and " + wanted.get(port).toLowerCase(Locale.ROOT) + " are both set to port "
                        + port + ": change " + entry[2] + " or " + variables.get(port) + ".");
            }
            wanted.put(port, entry[1]);
            variables.put(port, entry[2]);
        }
        wanted.forEach((port, who) -> PortGuard.requireFree(port, who, variables.get(port)));
    }

    private void startInfrastructure() {
        long kafkaBegin = System.nanoTime();
        if (settings.externalKafka().isEmpty()) {
            synchronized (this) {
                requireNotStopping();
                kafka = KafkaBrokerProcess.start(settings, state, java);
            }
        }
        // Postgres is found or started while the broker boots: they do not depend on each other
        long pgBegin = System.nanoTime();
        synchronized (this) {
            requireNotStopping();
            postgres = new PostgresProvider(settings, state, line -> say("  " + line));
            database = postgres.provide();
        }
        say(String.format(Locale.ROOT, "  %-10s ready in %s  %s (%s)", "postgres", seconds(System.nanoTime() - pgBegin),
                database.jdbcUrl(), database.kind().description()));

        if (kafka != null) {
            kafka.awaitReady(KAFKA_READY_TIMEOUT);
            say(String.format(Locale.ROOT, "  %-10s ready in %s  %s (local broker, KRaft)", "kafka",
                    seconds(System.nanoTime() - kafkaBegin), kafka.bootstrap()));
        } else {
            KafkaBrokerProcess.awaitExternal(settings.kafkaBootstrap(), Duration.ofSeconds(30));
            say(String.format(Locale.ROOT, "  %-10s reachable  %s (external, from KAFKA_BOOTSTRAP_SERVERS)", "kafka",
                    settings.kafkaBootstrap()));
        }
        declareTopics();
    }

    /** The broker creates no topic itself: the declared ones are created before any service publishes. */
    private void declareTopics() {
        List<KafkaTopics.Topic> topics = KafkaTopics.read(settings.repoRoot().resolve(KafkaTopics.DECLARATION));
        KafkaTopics.Outcome outcome = KafkaTopics.declare(settings.kafkaBootstrap(), topics, 30_000);
        say(String.format(Locale.ROOT, "  %-10s %d declared (%s), %d created, %d reconfigured", "topics", topics.size(),
                KafkaTopics.DECLARATION, outcome.created().size(), outcome.updated().size()));
        outcome.warnings().forEach(warning -> say("  WARNING: " + warning));
    }

    private void startEdge() {
        Map<String, List<Upstream.Replica>> replicas = new LinkedHashMap<>();
        for (ServiceSpec spec : settings.allServices()) {
            List<ServiceSpec> all = settings.replicas(spec.service());
            // a service with one process is named by the service in the edge's log, a replica by its id
            String id = all.size() == 1 ? spec.service() : spec.replicaId().orElse(spec.name());
            replicas.computeIfAbsent(spec.service(), s -> new ArrayList<>())
                    .add(new Upstream.Replica(id, SocketAddress.inetSocketAddress(spec.port(), "127.0.0.1")));
        }
        synchronized (this) {
            requireNotStopping();
            edgeLog = new EdgeAccessLog(state.freshLog("edge"));
            edge = EdgeRouter.withReplicas(replicas, settings.edge(), settings.cors(), edgeLog);
            edge.servingApiDocument(settings.repoRoot().resolve(OpenApiMerge.DOCUMENT));
            try {
                edge.start(settings.edgeHost(), settings.edgePort());
            } catch (Exception e) {
                throw new LauncherException("The edge router could not listen on " + settings.edgeHost() + ":" + settings.edgePort()
                        + ": " + e.getMessage() + ". Set BAZAAR_EDGE_PORT to another port.");
            }
        }
        say(String.format(Locale.ROOT, "  %-10s listening  %s", "edge", edgeUrl()));
    }

    private void startServices() {
        for (ServiceSpec spec : settings.selectedServices()) {
            synchronized (this) {
                requireNotStopping();
                services.add(ServiceProcess.start(spec, settings, state, java, database, settings.kafkaBootstrap()));
            }
        }
        if (settings.selectedServices().isEmpty()) {
            say("  no services started (BAZAAR_SERVICES=none): the edge answers 502 for their routes");
            return;
        }
        say("  started " + settings.selectedServices().stream().map(ServiceSpec::name).collect(Collectors.joining(", "))
                + "; waiting for their readiness checks (up to " + settings.serviceStartTimeout().toSeconds() + " s each)");
    }

    /** Polls every starting service's readiness and says so as each one gets there. */
    private void awaitServices() {
        List<ServiceProcess> pending = new ArrayList<>(services);
        long begin = System.nanoTime();
        long nextProgress = begin + PROGRESS_EVERY.toNanos();
        while (!pending.isEmpty()) {
            if (isStopping()) {
                throw new LauncherException("Stopped while starting.", LauncherException.INTERRUPTED);
            }
            for (ServiceProcess service : List.copyOf(pending)) {
                SupervisedProcess process = service.process();
                if (!process.isAlive()) {
                    throw serviceFailed(service, "exited with code " + process.exitCode() + " after " + seconds(process.uptime()));
                }
                if (service.isReady()) {
                    pending.remove(service);
                    say(String.format(Locale.ROOT, "  %-10s ready in %s  %s", service.spec().name(), seconds(process.uptime()),
                            service.spec().url()));
                } else if (process.uptime().compareTo(settings.serviceStartTimeout()) > 0) {
                    throw serviceFailed(service, "was not ready after " + settings.serviceStartTimeout().toSeconds()
                            + " s (BAZAAR_START_TIMEOUT_SECONDS)");
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > nextProgress) {
                say("  ... still waiting for " + pending.stream().map(s -> s.spec().name()).collect(Collectors.joining(", "))
                        + " (" + seconds(System.nanoTime() - begin) + ")");
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            sleep(400);
        }
    }

    private LauncherException serviceFailed(ServiceProcess service, String what) {
        String name = service.spec().name();
        String others = settings.selectedServices().stream().map(ServiceSpec::service).distinct()
                .filter(n -> !n.equals(service.spec().service()))
                .collect(Collectors.joining(","));
        return new LauncherException("The " + name + " service " + what + ". Last lines of " + shortPath(service.process().log()) + ":\n"
                + indent(service.process().logTail(40)) + "\n"
                + "Fix it and run ./bazaar up again" + (others.isEmpty() ? "." : ", or start the rest without it: BAZAAR_SERVICES=" + others + " ./bazaar up"));
    }

    /** After start-up a dying child is reported, not restarted: the developer needs to see why it died. */
    private void watchForUnexpectedExits() {
        List<SupervisedProcess> children = new ArrayList<>();
        synchronized (this) {
            services.forEach(s -> children.add(s.process()));
            if (kafka != null) {
                children.add(kafka.process());
            }
        }
        children.forEach(this::watch);
    }

    private void watch(SupervisedProcess child) {
        child.process().onExit().thenRun(() -> {
            synchronized (this) {
                if (stopping || expectedExits.remove(child)) {
                    return;
                }
            }
            say("WARNING: " + child.name() + " exited unexpectedly with code " + child.exitCode() + "; see "
                    + shortPath(child.log()) + ". The rest of the stack keeps running; start it again with ./bazaar start "
                    + child.name() + ".");
            state.deletePid(child.name());
        });
    }

    // ---------------------------------------------------------------- ./bazaar stop|start|restart|kill <process>

    /** One request of {@link StackControl}: runs in the control thread, one at a time. */
    private void control(String verb, String name, Consumer<String> progress) {
        synchronized (controlLock) {
            synchronized (this) {
                requireNotStopping();
            }
            switch (verb) {
                case "stop" -> stopProcess(name, false, progress);
                case "kill" -> stopProcess(name, true, progress);
                case "start" -> startProcess(name, progress);
                case "restart" -> {
                    stopProcess(name, false, progress);
                    startProcess(name, progress);
                }
                default -> throw new LauncherException("Unknown request " + verb);
            }
            synchronized (this) {
                if (!stopping) {
                    writeStackFile();
                }
            }
        }
    }

    private void stopProcess(String name, boolean kill, Consumer<String> progress) {
        long begin = System.nanoTime();
        if (name.equals(PostgresProvider.NAME)) {
            if (kill) {
                throw new LauncherException("kill is for the broker and services; stop postgres stops it (fast shutdown)");
            }
            synchronized (this) {
                if (postgres == null || !postgres.ownsServer()) {
                    throw new LauncherException("Postgres is not the launcher's embedded server, so the launcher does not "
                            + "stop it (start the stack with BAZAAR_EMBEDDED_PG=true for one it may stop)");
                }
                if (!postgres.embeddedRunning()) {
                    throw new LauncherException("postgres is not running");
                }
            }
            postgres.stopEmbedded();
            progress.accept(String.format(Locale.ROOT, "%-10s stopped in %s", name, seconds(System.nanoTime() - begin)));
            return;
        }
        SupervisedProcess process = processNamed(name);
        if (!process.isAlive()) {
            throw new LauncherException(name + " is not running (start it with ./bazaar start " + name + ")");
        }
        synchronized (this) {
            expectedExits.add(process);
        }
        Duration took = kill ? process.kill()
                : process.stop(name.equals(KafkaBrokerProcess.NAME) ? KAFKA_STOP_GRACE : SERVICE_STOP_GRACE);
        progress.accept(String.format(Locale.ROOT, "%-10s %s in %s (exit code %d)", name, kill ? "killed" : "stopped",
                seconds(took), process.exitCode()));
    }

    private void startProcess(String name, Consumer<String> progress) {
        long begin = System.nanoTime();
        if (name.equals(PostgresProvider.NAME)) {
            synchronized (this) {
                if (postgres == null || !postgres.ownsServer()) {
                    throw new LauncherException("Postgres is not the launcher's embedded server: the launcher does not start it");
                }
                if (postgres.embeddedRunning()) {
                    throw new LauncherException("postgres is already running");
                }
            }
            postgres.restartEmbedded();
            progress.accept(String.format(Locale.ROOT, "%-10s ready in %s", name, seconds(System.nanoTime() - begin)));
            return;
        }
        SupervisedProcess old = processNamed(name);
        if (old.isAlive()) {
            throw new LauncherException(name + " is already running (pid " + old.pid() + ")");
        }
        if (name.equals(KafkaBrokerProcess.NAME)) {
            KafkaBrokerProcess broker;
            synchronized (this) {
                requireNotStopping();
                broker = KafkaBrokerProcess.start(settings, state, java, true);
                kafka = broker;
            }
            watch(broker.process());
            broker.awaitReady(KAFKA_READY_TIMEOUT);
            progress.accept(String.format(Locale.ROOT, "%-10s ready in %s  %s (pid %d)", name,
                    seconds(System.nanoTime() - begin), broker.bootstrap(), broker.process().pid()));
            return;
        }
        ServiceProcess service;
        synchronized (this) {
            requireNotStopping();
            ServiceProcess previous = services.stream().filter(s -> s.spec().name().equals(name)).findFirst().orElseThrow();
            service = ServiceProcess.start(previous.spec(), settings, state, java, database, settings.kafkaBootstrap(), true);
            services.set(services.indexOf(previous), service);
        }
        watch(service.process());
        while (!service.isReady()) {
            if (!service.process().isAlive()) {
                throw serviceFailed(service, "exited with code " + service.process().exitCode() + " after "
                        + seconds(service.process().uptime()));
            }
            if (service.process().uptime().compareTo(settings.serviceStartTimeout()) > 0) {
                throw serviceFailed(service, "was not ready after " + settings.serviceStartTimeout().toSeconds() + " s");
            }
            if (isStopping()) {
                throw new LauncherException("The stack is stopping");
            }
            sleep(200);
        }
        progress.accept(String.format(Locale.ROOT, "%-10s ready in %s  %s (pid %d)", name,
                seconds(System.nanoTime() - begin), service.spec().url(), service.process().pid()));
    }

    private synchronized SupervisedProcess processNamed(String name) {
        if (name.equals(KafkaBrokerProcess.NAME)) {
            if (kafka == null) {
                throw new LauncherException("The broker is external (KAFKA_BOOTSTRAP_SERVERS): the launcher does not run it");
            }
            return kafka.process();
        }
        return services.stream().filter(s -> s.spec().name().equals(name)).map(ServiceProcess::process).findFirst()
                .orElseThrow(() -> new LauncherException("No process named '" + name + "' in this stack; it has kafka"
                        + (postgres != null && postgres.ownsServer() ? ", postgres" : "") + ", "
                        + services.stream().map(s -> s.spec().name()).collect(Collectors.joining(", "))));
    }

    /**
     * The shutdown hook (Ctrl-C, SIGTERM from ./bazaar down) and the path of every failed start: services
     * first, in parallel, so they can still flush to the broker and the database; then the broker; then
     * an embedded Postgres. Idempotent.
     */
    private synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        long begin = System.nanoTime();
        if (control != null) {
            control.close();
        }
        boolean anything = edge != null || kafka != null || !services.isEmpty() || (postgres != null && postgres.isEmbedded());
        if (anything) {
            say("");
            say("Stopping Stream Bazaar...");
        }
        if (edge != null) {
            edge.close();
        }
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess service : services) {
            Thread stopper = new Thread(() -> {
                boolean wasAlive = service.process().isAlive();
                Duration took = service.process().stop(SERVICE_STOP_GRACE);
                if (wasAlive) {
                    say(String.format(Locale.ROOT, "  %-10s stopped in %s", service.spec().name(), seconds(took)));
                }
            }, "stop-" + service.spec().name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            boolean wasAlive = kafka.process().isAlive();
            Duration took = kafka.process().stop(KAFKA_STOP_GRACE);
            if (wasAlive) {
                say(String.format(Locale.ROOT, "  %-10s stopped in %s", "kafka", seconds(took)));
            }
        }
        if (postgres != null && postgres.isEmbedded()) {
            long pgBegin = System.nanoTime();
            postgres.close();
            say(String.format(Locale.ROOT, "  %-10s stopped in %s", "postgres", seconds(System.nanoTime() - pgBegin)));
        }
        closeEdgeLog();
        state.deleteStack();
        state.deletePid(StateDirectory.LAUNCHER);
        if (lock != null) {
            StateDirectory.release(lock);
        }
        if (anything) {
            say("Stopped in " + seconds(System.nanoTime() - begin) + ".");
        }
        stopped.countDown();
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private void requireNotStopping() {
        if (stopping) {
            throw new LauncherException("Stopped while starting.");
        }
    }

    /** What ./bazaar status reads back: the stack as it runs now. */
    private synchronized void writeStackFile() {
        Properties stack = new Properties();
        stack.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
        stack.setProperty("started.at", Instant.now().toString());
        stack.setProperty("edge.url", edgeUrl());
        stack.setProperty("edge.port", Integer.toString(settings.edgePort()));
        stack.setProperty("kafka.bootstrap", settings.kafkaBootstrap());
        stack.setProperty("kafka.kind", kafka != null ? "local broker" : "external");
        if (kafka != null) {
            stack.setProperty("kafka.pid", Long.toString(kafka.process().pid()));
        }
        stack.setProperty("postgres.url", database.jdbcUrl());
        stack.setProperty("postgres.kind", database.kind().description());
        state.readPid(PostgresProvider.NAME).ifPresent(pid -> stack.setProperty("postgres.pid", Long.toString(pid)));
        stack.setProperty("services", services.stream().map(s -> s.spec().name()).collect(Collectors.joining(",")));
        for (ServiceProcess service : services) {
            stack.setProperty("service." + service.spec().name() + ".pid", Long.toString(service.process().pid()));
            stack.setProperty("service." + service.spec().name() + ".port", Integer.toString(service.spec().port()));
        }
        stack.setProperty("logs", state.logsDir().toString());
        state.writeStack(stack);
    }

    private void printSummary(Duration took) {
        String edgeUrl = edgeUrl();
        StringBuilder out = new StringBuilder();
        out.append('\n').append("Stream Bazaar is up (started in ").append(seconds(took)).append(")\n\n");
        row(out, "Edge", edgeUrl, "health " + edgeUrl + "/health");
        for (ServiceProcess service : services) {
            ServiceSpec spec = service.spec();
            if (spec.name().equals(spec.service())) {
                row(out, spec.name(), spec.url(), "OpenAPI " + spec.url() + "/q/openapi  (via edge: " + edgeUrl + "/docs/" + spec.name() + "/openapi)"
                        + (settings.replicas(spec.service()).size() > 1 ? ", replica " + spec.replicaId().orElseThrow() : ""));
            } else {
                row(out, spec.name(), spec.url(), "replica " + spec.replicaId().orElseThrow() + " of " + spec.service() + ", behind the edge too");
            }
        }
        row(out, "Kafka", settings.kafkaBootstrap(), kafka != null
                ? "local broker, data in " + shortPath(state.kafkaDir().resolve("data"))
                : "external (KAFKA_BOOTSTRAP_SERVERS)");
        row(out, "Postgres", database.jdbcUrl(), database.kind().description() + ", user " + database.user());
        row(out, "Logs", shortPath(state.logsDir()).toString(), "./bazaar logs <name>");
        out.append('\n').append("Stop with Ctrl-C or ./bazaar down.");
        say(out.toString());
    }

    private static void row(StringBuilder out, String name, String where, String more) {
        out.append(String.format(Locale.ROOT, "  %-11s %-42s %s%n", name, where, more));
    }

    private String edgeUrl() {
        String host = settings.edgeHost();
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        return "http://" + (wildcard ? "localhost" : host) + ":" + settings.edgePort();
    }

    private void closeEdgeLog() {
        if (edgeLog != null) {
            edgeLog.close();
        }
    }

    private Path shortPath(Path path) {
        return path.startsWith(settings.repoRoot()) ? settings.repoRoot().relativize(path) : path;
    }

    static String seconds(Duration duration) {
        return seconds(duration.toNanos());
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The launcher's own output is for people: library chatter (the AdminClient retrying while the broker
     * boots, zonky's progress) stays out of it unless it is an error.
     */
    private static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "error");
        // Vert.x would otherwise copy classpath resources into a cache folder; the edge serves no files
        System.setProperty("vertx.disableFileCPResolving", "true");
    }

    /** The command line: {@code [up|down|status] [--root <dir>] [--state <dir>]}. */
    record Invocation(String command, Optional<String> target, Path root, Path state) {

        static final String USAGE = "Usage: java -jar bazaar-launcher.jar [up|down|status|stop <process>|start <process>|"
                + "restart <process>|kill <process>] [--root <repo root>] [--state <state folder>]";

        static Invocation parse(String[] args) {
            String command = "up";
            String target = null;
            boolean commandGiven = false;
            Path root = Path.of("").toAbsolutePath();
            Path state = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--root" -> root = Path.of(value(args, ++i, arg));
                    case "--state" -> state = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> throw new LauncherException(USAGE);
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new LauncherException("Unknown option " + arg + ".\n" + USAGE);
                        }
                        if (!commandGiven) {
                            command = arg;
                            commandGiven = true;
                        } else if (target == null && StackControl.VERBS.contains(command)) {
                            target = arg;
                        } else {
                            throw new LauncherException("Unexpected argument " + arg + ".\n" + USAGE);
                        }
                    }
                }
            }
            return new Invocation(command, Optional.ofNullable(target), root,
                    Optional.ofNullable(state).orElse(root.resolve(".bazaar")));
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new LauncherException(option + " needs a value.\n" + USAGE);
            }
            return args[index];
        }
    }
}
