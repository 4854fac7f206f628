package com.streambazaar.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte over a socket from a chosen local address (127.0.0.x: the edge tells the services
 * that address in X-Forwarded-For, so per-address limits hit only the test that chose it), read with a hard deadline:
 * an answer that does not come in time is a "hung request", reported as status -1. One request per connection.
 */
final class RawClient {

    private final String localAddress;
    private final int port;
    private final int deadlineMillis;

    RawClient(String localAddress, int port, int deadlineMillis) {
        this.localAddress = localAddress;
        this.port = port;
        this.deadlineMillis = deadlineMillis;
    }

    /** The answer; {@code status} -1 with {@code failure} when there was none in time (or the connection broke). */
    record Answer(int status, Map<String, String> headers, String body, long millis, String failure) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + (failure != null ? " (" + failure + ")" : "") + " in " + millis + " ms: "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** A request from its parts; Host, Content-Length and Connection: close are added unless given. */
    Answer send(String method, String target, List<String> headerLines, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean length = false;
        for (String line : headerLines) {
            String lower = line.toLowerCase(Locale.ROOT);
            host |= lower.startsWith("host:");
            length |= lower.startsWith("content-length:") || lower.startsWith("transfer-encoding:");
            head.append(line).append("\r\n");
        }
        if (!host) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        if (body != null && !length) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + (body == null ? 0 : body.length)];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        if (body != null) {
            System.arraycopy(body, 0, all, headBytes.length, body.length);
        }
        return exchange(all);
    }

    /** Exactly these bytes. */
    Answer exchange(byte[] request) {
        long begin = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(250);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 431) and close before it read everything: read what it said
            }
            return read(socket.getInputStream(), begin);
        } catch (IOException e) {
            return new Answer(-1, Map.of(), "", millis(begin), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Answer read(InputStream in, long begin) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        while (true) {
            Answer complete = parse(received.toByteArray(), begin, false);
            if (complete != null) {
                return complete;
            }
            if (millis(begin) > deadlineMillis) {
                Answer partial = parse(received.toByteArray(), begin, true);
                return partial != null ? partial : new Answer(-1, Map.of(), received.toString(StandardCharsets.UTF_8),
                        millis(begin), "no answer within " + deadlineMillis + " ms");
            }
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                Answer last = parse(received.toByteArray(), begin, true);
                return last != null ? last : new Answer(-1, Map.of(), received.toString(StandardCharsets.UTF_8),
                        millis(begin), "connection closed without an answer");
            }
            received.write(buffer, 0, read);
        }
    }

    /** The answer once complete (or, at the end of the stream, what there is); null while more is to come. */
    private static Answer parse(byte[] bytes, long begin, boolean ended) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ");
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return new Answer(-1, Map.of(), text, millis(begin), "not an HTTP answer: " + lines[0]);
        }
        if (status == 100) {
            // an interim answer; the real one follows
            byte[] rest = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
            return rest.length == 0 ? null : parse(rest, begin, ended);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            byte[] decoded = unchunk(body);
            if (decoded == null && !ended) {
                return null;
            }
            return new Answer(status, headers, new String(decoded == null ? body : decoded, StandardCharsets.UTF_8),
                    millis(begin), null);
        }
        if (length != null) {
            int expected = Integer.parseInt(length.split(",")[0].trim());
            if (body.length < expected && !ended) {
                return null;
            }
            return new Answer(status, headers, new String(body, 0, Math.min(expected, body.length), StandardCharsets.UTF_8),
                    millis(begin), body.length < expected ? "answer cut short" : null);
        }
        if (status == 204 || status == 304 || status == 101) {
            return new Answer(status, headers, "", millis(begin), null);
        }
        return ended ? new Answer(status, headers, new String(body, StandardCharsets.UTF_8), millis(begin), null) : null;
    }

    /** The decoded body of a complete chunked message, or null when the last chunk has not arrived. */
    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                return null;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                return out.toByteArray();
            }
            if (size == 0) {
                return out.toByteArray();
            }
            if (lineEnd + 2 + size > body.length) {
                return null;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static List<String> headers(String... lines) {
        return new ArrayList<>(List.of(lines));
    }

    private static long millis(long begin) {
        return (System.nanoTime() - begin) / 1_000_000;
    }
}
