package com.streambazaar.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.streambazaar.launcher.StandInService.await;
import static com.streambazaar.launcher.StandInService.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSockets through the edge behave as if the client talked to the service: the service's handshake decides
 * (sub-protocol included), frames of every kind pass both ways, a close on either side closes the other with
 * its code, and an upgraded socket has no request timeout.
 */
class EdgeWebSocketTest {

    private static final EdgeSettings IMPATIENT = new EdgeSettings(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), 8 * 1024, 16 * 1024);

    private Vertx vertx;
    private StandInService realtime;
    private EdgeRouter edge;
    private int edgePort;
    private WebSocketClient webSockets;
    private final CompletableFuture<ServerWebSocket> serverSide = new CompletableFuture<>();

    @BeforeEach
    void startEdgeInFrontOfRealtime() throws Exception {
        vertx = Vertx.vertx();
        realtime = StandInService.start(vertx, this::acceptUpgrades);
        edge = new EdgeRouter(Map.of(RouteTable.REALTIME, realtime.address()), IMPATIENT, CorsSettings.ANY_ORIGIN, line -> { });
        edgePort = edge.start("127.0.0.1", 0);
        webSockets = vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() {
        edge.close();
        await(vertx.close());
    }

    /** /ws echoes text; like realtime-service it selects the "bazaar" sub-protocol when offered (the token rides along). */
    private void acceptUpgrades(HttpServerRequest request) {
        if (request.path().equals("/ws/unwelcome")) {
            // accepts, then closes at once (Engine.IO does this to a protocol version it does not speak)
            request.toWebSocket().onSuccess(socket -> socket.close((short) 4002, "unsupported protocol"));
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
            serverSide.complete(socket);
            socket.textMessageHandler(text -> socket.writeTextMessage(text.equals("offered?")
                    ? socket.headers().get("Sec-WebSocket-Protocol")
                    : "echo " + text));
        });
    }

    private WebSocket connect(WebSocketConnectOptions options) {
        return await(webSockets.connect(options.setHost("127.0.0.1").setPort(edgePort)));
    }

    @Test
    void anUpgradedWebSocketOutlivesTheRequestTimeoutAndClosesBothWays() throws Exception {
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/ws"));
        ServerWebSocket service = join(serverSide);
        CompletableFuture<String> echoes = new CompletableFuture<>();
        socket.textMessageHandler(echoes::complete);
        Thread.sleep(IMPATIENT.requestTimeout().toMillis() + 500);
        await(socket.writeTextMessage("still there"));
        assertEquals("echo still there", join(echoes));

        CompletableFuture<String> serviceSawClose = new CompletableFuture<>();
        service.closeHandler(v -> serviceSawClose.complete(service.closeStatusCode() + " " + service.closeReason()));
        await(socket.close((short) 4000, "bye"));
        assertEquals("4000 bye", join(serviceSawClose));
        assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000));
    }

    @Test
    void theServiceClosingAWebSocketClosesTheClientsWithItsCode() {
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/ws"));
        CompletableFuture<String> clientSawClose = new CompletableFuture<>();
        socket.closeHandler(v -> clientSawClose.complete(socket.closeStatusCode() + " " + socket.closeReason()));
        join(serverSide).close((short) 4001, "session ended");
        assertEquals("4001 session ended", join(clientSawClose));
    }

    @Test
    void aServiceThatClosesRightAfterAcceptingClosesTheClientToo() throws Exception {
        for (int i = 0; i < 20; i++) {
            CompletableFuture<String> clientSawClose = new CompletableFuture<>();
            // on the event loop: Vert.x refuses a close handler on a socket that is closed already, so it must be
            // set in the connect callback itself
            vertx.runOnContext(v -> webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edgePort)
                    .setURI("/ws/unwelcome")).onComplete(connected -> {
                if (connected.failed()) {
                    clientSawClose.completeExceptionally(connected.cause());
                    return;
                }
                WebSocket socket = connected.result();
                socket.closeHandler(closed -> clientSawClose.complete(socket.closeStatusCode() + " " + socket.closeReason()));
            }));
            assertEquals("4002 unsupported protocol", join(clientSawClose));
        }
        assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000));
    }

    @Test
    void relaysPingsAndPongsBothWays() {
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/ws"));
        ServerWebSocket service = join(serverSide);
        CompletableFuture<String> serviceGot = new CompletableFuture<>();
        service.frameHandler(frame -> {
            if (frame.type() == WebSocketFrameType.PING) {
                serviceGot.complete(frame.binaryData().toString());
            }
        });
        CompletableFuture<String> clientGot = new CompletableFuture<>();
        CompletableFuture<String> clientGotPong = new CompletableFuture<>();
        socket.frameHandler(frame -> {
            if (frame.type() == WebSocketFrameType.PING) {
                clientGot.complete(frame.binaryData().toString());
            } else if (frame.type() == WebSocketFrameType.PONG && frame.binaryData().toString().equals("unsolicited")) {
                clientGotPong.complete(frame.binaryData().toString());
            }
        });
        await(socket.writePing(Buffer.buffer("from client")));
        assertEquals("from client", join(serviceGot));
        await(service.writePing(Buffer.buffer("from service")));
        assertEquals("from service", join(clientGot));
        // a pong the edge did not answer itself (RFC 6455 allows unsolicited ones, as heartbeats)
        await(service.writePong(Buffer.buffer("unsolicited")));
        assertEquals("unsolicited", join(clientGotPong));
    }

    @Test
    void relaysMessagesLargerThanVertxsDefaultFrame() {
        WebSocket socket = await(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1024 * 1024))
                .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edgePort).setURI("/ws")));
        // 200 KiB in one frame: above Vert.x's default frame limit of 64 KiB, within Engine.IO's 1 MB message
        CompletableFuture<String> echoes = new CompletableFuture<>();
        socket.textMessageHandler(echoes::complete);
        String large = "x".repeat(200 * 1024);
        await(socket.writeTextMessage(large));
        assertEquals("echo " + large, join(echoes));
    }

    @Test
    void theServiceSelectsTheSubProtocolAndSeesTheWholeOffer() {
        for (List<String> offer : List.of(List.of("bazaar", "token-123"), List.of("token-123", "bazaar"))) {
            WebSocket socket = connect(new WebSocketConnectOptions().setURI("/ws").setSubProtocols(offer));
            assertEquals("bazaar", socket.subProtocol(), "offered " + offer);
            CompletableFuture<String> seen = new CompletableFuture<>();
            socket.textMessageHandler(seen::complete);
            await(socket.writeTextMessage("offered?"));
            assertEquals(String.join(",", offer), join(seen));
            await(socket.close());
        }
        assertNull(connect(new WebSocketConnectOptions().setURI("/ws")).subProtocol());
    }

    @Test
    void anOfferTheServiceSelectsNothingFromIsRefusedInJson() throws Exception {
        try {
            webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edgePort).setURI("/ws")
                    .setSubProtocols(List.of("mqtt"))).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            UpgradeRejectedException refused = assertInstanceOf(UpgradeRejectedException.class, e.getCause());
            assertEquals(502, refused.getStatus());
            assertTrue(new JsonObject(refused.getBody()).getString("message").startsWith("realtime did not complete the WebSocket handshake"));
            assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000));
            return;
        }
        throw new AssertionError("the upgrade was accepted without the offered sub-protocol");
    }
}
