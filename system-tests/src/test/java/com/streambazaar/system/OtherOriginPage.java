package com.streambazaar.system;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the test pages (test resources under {@code browser/}) from an origin of their own, 127.0.0.1 on a free
 * port, while the API is at localhost:13000: every call the page makes is cross-origin, as for the web app.
 */
final class OtherOriginPage implements AutoCloseable {

    private final HttpServer server;

    OtherOriginPage() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the stock socket.io-client bundle, as realtime-service's build installed it from npm
        server.createContext("/vendor/socket.io.min.js", exchange -> {
            Path bundle = Path.of(System.getProperty("bazaar.test.js.dir", "../realtime-service/target/test-js"),
                    "node_modules", "socket.io-client", "dist", "socket.io.min.js");
            byte[] body = Files.exists(bundle) ? Files.readAllBytes(bundle) : new byte[0];
            exchange.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String file = path.equals("/") ? "index.html" : path.substring(1);
            try (InputStream resource = OtherOriginPage.class.getResourceAsStream("/browser/" + file)) {
                if (resource == null || file.contains("..")) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    byte[] body = resource.readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type", file.endsWith(".js")
                            ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** The page's URL, told where the API is. */
    String url(String page, String apiBaseUrl) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + page + "?api=" + apiBaseUrl;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
