package com.streambazaar.auth.security;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.common.rest.ApiException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * bcrypt, off the event loop. Hashing runs on a small pool of its own (one thread per core by default): a burst of
 * logins queues there instead of occupying every worker thread, so other requests keep their latency. Results come
 * back on the caller's Vert.x context, where the Hibernate Reactive session lives.
 *
 * <p>bcrypt only reads the first 72 bytes of its input; a longer password (up to 128 characters, i.e. up to 512 UTF-8
 * bytes) is first reduced to base64(SHA-256(password)), so every character counts. Shorter passwords are hashed as
 * they are, which keeps the hashes standard.
 */
// created at start: the decoy hash costs one bcrypt, which must not land on an event loop
@Startup
@ApplicationScoped
public class PasswordHasher {

    private static final int BCRYPT_MAX_BYTES = 72;

    private final int cost;
    private final ThreadPoolExecutor pool;
    /** Compared against when the account does not exist, so both cases take the same time. */
    private final String decoyHash;

    public PasswordHasher(AuthConfig config) {
        if (config.bcryptCost() < 10 || config.bcryptCost() > 16) {
            throw new IllegalStateException("bazaar.auth.bcrypt-cost must be between 10 and 16, not " + config.bcryptCost());
        }
        this.cost = config.bcryptCost();
        int threads = config.passwordHashingThreads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.passwordHashingQueue())), r -> {
                    Thread thread = new Thread(r, "password-hashing-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.decoyHash = BcryptUtil.bcryptHash(bcryptInput("decoy-password-for-timing"), cost);
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }

    public Uni<String> hash(String password) {
        return offload(() -> BcryptUtil.bcryptHash(bcryptInput(password), cost));
    }

    /** True when the password matches; with a null hash (unknown account) it spends the same time and says false. */
    public Uni<Boolean> verify(String password, String hash) {
        return offload(() -> {
            if (hash == null) {
                BcryptUtil.matches(bcryptInput(password), decoyHash);
                return false;
            }
            return BcryptUtil.matches(bcryptInput(password), hash);
        });
    }

    private <T> Uni<T> offload(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Executor backToContext = context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
        return Uni.createFrom().<T>emitter(emitter -> {
            try {
                pool.execute(() -> {
                    try {
                        emitter.complete(work.get());
                    } catch (RuntimeException e) {
                        emitter.fail(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new ApiException(503, "busy", "Too many sign-ins at once, try again in a moment",
                        Map.of("retryAfter", 1)));
            }
        }).emitOn(backToContext);
    }

    static String bcryptInput(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BCRYPT_MAX_BYTES) {
            return password;
        }
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
