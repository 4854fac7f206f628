package com.streambazaar.realtime.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for session-service's {@code POST /api/sessions/{id}/showcase} (the real one is tested in its module):
 * records what it got; refuses a product id starting with {@code 00000000} with 403 as session-service would.
 */
public class FakeSessionService implements QuarkusTestResourceLifecycleManager {

    public static final String REFUSED_PREFIX = "00000000";
    /** Each call: {sessionId, authorization, body}. */
    public static final List<Map<String, Object>> CALLS = new CopyOnWriteArrayList<>();

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                String path = request.path();
                String[] parts = path.split("/");
                if (request.method().name().equals("POST") && parts.length == 5 && "showcase".equals(parts[4])) {
                    JsonObject json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
                    CALLS.add(Map.of("sessionId", parts[3], "authorization",
                            String.valueOf(request.getHeader("Authorization")), "body", json.encode()));
                    String productId = json.getString("productId");
                    if (productId != null && productId.startsWith(REFUSED_PREFIX)) {
                        request.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                                .end(new JsonObject().put("success", false).put("error", "forbidden")
                                        .put("message", "Only the session's creator can showcase products").encode());
                        return;
                    }
                    request.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("success", true).put("message", "Showcase updated")
                                    .put("data", new JsonObject().put("sessionId", parts[3])
                                            .put("activeProductId", productId).putNull("product")).encode());
                } else {
                    request.response().setStatusCode(404).end();
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake session-service did not start", e);
        }
        return Map.of("bazaar.realtime.session-service-url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
