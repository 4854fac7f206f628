package com.streambazaar.launcher;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: no client library normalises the path, fixes the
 * encoding or refuses to send something malformed, which is the point when testing what the edge accepts.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** One answer as it came off the wire. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** GET {@code target} with a Host header and the extra header lines given ("Name: value"). */
    static Answer get(int port, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return exchange(port, request.toString());
    }

    /** Writes {@code request} as ISO-8859-1 bytes and reads one answer (the edge always sends Content-Length). */
    static Answer exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        String length = headers.get("content-length");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (length != null) {
            byte[] bytes = in.readNBytes(Integer.parseInt(length));
            body.write(bytes);
        } else if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding")) && status >= 200 && status != 204 && status != 304) {
            try {
                in.transferTo(body);
            } catch (SocketTimeoutException e) {
                // read what came
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
