package com.streambazaar.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Quarkus service in its own JVM ({@code java -jar <module>/target/quarkus-app/quarkus-run.jar}),
 * configured entirely through environment variables, and its readiness check.
 */
public final class ServiceProcess {

    /**
     * Hands the check of malformed URIs from Vert.x (an empty 400 before any filter runs) to bazaar-common's
     * RequestGuard, which answers it in JSON. Added whatever {@code BAZAAR_SERVICE_JAVA_OPTS} says.
     */
    static final String DISABLE_URI_VALIDATION = "-Dvertx.disableURIValidation=true";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final ServiceSpec spec;
    private final SupervisedProcess process;

    private ServiceProcess(ServiceSpec spec, SupervisedProcess process) {
        this.spec = spec;
        this.process = process;
    }

    /** Fails before anything starts when a jar was never built, naming the command that builds it. */
    public static void requireJar(ServiceSpec spec, Path repoRoot) {
        Path jar = spec.runJar(repoRoot);
        if (!Files.isRegularFile(jar)) {
            throw new LauncherException("The " + spec.service() + " service is not built: " + repoRoot.relativize(jar) + " is missing.\n"
                    + "Build it with ./bazaar up --build (runs ./mvnw -DskipTests install), or leave it out with "
                    + "BAZAAR_SERVICES=<the others>.");
        }
    }

    public static ServiceProcess start(ServiceSpec spec, LauncherSettings settings, StateDirectory state, JavaRuntime java,
                                       DatabaseEndpoint db, String kafkaBootstrap) {
        return start(spec, settings, state, java, db, kafkaBootstrap, false);
    }

    /** The same; {@code again}: a service of the running stack started once more (its log is appended to). */
    public static ServiceProcess start(ServiceSpec spec, LauncherSettings settings, StateDirectory state, JavaRuntime java,
                                       DatabaseEndpoint db, String kafkaBootstrap, boolean again) {
        // the module folder as working directory, so a service's own config/ or .env is picked up as usual
        Path workDir = settings.repoRoot().resolve(spec.module());
        SupervisedProcess process = SupervisedProcess.start(spec.name(), command(spec, settings, state, java), workDir,
                environment(spec, settings, state, db, kafkaBootstrap), state, again);
        return new ServiceProcess(spec, process);
    }

    /** {@code java <BAZAAR_SERVICE_JAVA_OPTS> -Dvertx.disableURIValidation=true -Dbazaar.stack=<state> -jar <run jar>}. */
    static List<String> command(ServiceSpec spec, LauncherSettings settings, StateDirectory state, JavaRuntime java) {
        List<String> command = new ArrayList<>();
        command.add(java.executable());
        command.addAll(settings.serviceJavaOptions());
        // after the operator's options, so replacing them never loses it
        command.add(DISABLE_URI_VALIDATION);
        command.add(state.processMarker());
        command.addAll(List.of("-jar", spec.runJar(settings.repoRoot()).toString()));
        return command;
    }

    /**
     * What a service is told. The launcher's own environment is inherited too (ProcessBuilder does that),
     * so AGORA_APP_ID, BAZAAR_AUTH_DEFAULT_ROLE and friends reach the services without the launcher knowing about
     * them. The CORS variables are named here all the same: the services must apply exactly the rules the edge
     * applies to its own answers, and this keeps that true whatever happens to inheritance. Where the other
     * services listen is the launcher's to say, since it may have moved their ports.
     */
    static Map<String, String> environment(ServiceSpec spec, LauncherSettings settings, StateDirectory state,
                                           DatabaseEndpoint db, String kafkaBootstrap) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        env.put("BAZAAR_DB_HOST", db.host());
        env.put("BAZAAR_DB_PORT", Integer.toString(db.port()));
        env.put("BAZAAR_DB_NAME", db.database());
        env.put("BAZAAR_DB_USER", db.user());
        db.password().ifPresent(password -> env.put("BAZAAR_DB_PASSWORD", password));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("BAZAAR_AUTH_JWKS_URL", settings.service(RouteTable.AUTH).url() + "/.well-known/jwks.json");
        env.put("BAZAAR_AUTH_KEYS_DIR", state.keysDir().toString());
        // session-service reads products it has not seen yet from catalog-service
        env.put("BAZAAR_CATALOG_URL", settings.service(RouteTable.CATALOG).url());
        // realtime-service forwards the creator's showcase to session-service
        env.put("BAZAAR_SESSION_URL", settings.service(RouteTable.SESSION).url());
        // the prefix of every Engine.IO session id the replica issues: the edge routes polling and upgrades by it
        spec.replicaId().ifPresent(id -> env.put("BAZAAR_REPLICA_ID", id));
        for (String cors : List.of(CorsSettings.ORIGINS_VARIABLE, CorsSettings.CREDENTIALS_VARIABLE)) {
            String value = settings.environment().get(cors);
            if (value != null) {
                env.put(cors, value);
            }
        }
        return env;
    }

    public ServiceSpec spec() {
        return spec;
    }

    public SupervisedProcess process() {
        return process;
    }

    /** One look at {@code /q/health/ready}: true on 200 (database and broker checks included). */
    public boolean isReady() {
        return isReady(spec.port());
    }

    static boolean isReady(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
