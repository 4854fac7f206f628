package com.streambazaar.launcher;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw request path into the one the edge routes on and forwards, or refuses it.
 *
 * <p>The edge and the services must agree on what a path means: if the edge routed
 * {@code /api/products/../../q/metrics} as a catalog path and catalog-service then resolved the dots, internal
 * endpoints would be reachable from outside. So the edge does the resolving itself (RFC 3986 section 6.2.2:
 * percent-encoded unreserved characters such as {@code %2e} are decoded, then dot segments are removed, and
 * repeated slashes are merged as nginx does) and forwards only the result, which has no dot segment left for
 * anyone to reinterpret. What cannot be made unambiguous is refused with a 400: encoded slashes and
 * backslashes ({@code %2f}, {@code %5c}), control characters or malformed UTF-8 once decoded, dot segments with
 * path parameters ({@code ..;x}, which some servers strip to {@code ..}), malformed percent-encoding and
 * characters that must be percent-encoded. Everything is decoded once only: {@code %252e} stays {@code %252e}.
 */
final class PathNormalizer {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathNormalizer() {
    }

    /** The normalised path; the raw one itself (no copy) when it is already normal, as nearly every path is. */
    static String normalize(String raw) {
        int length = raw.length();
        if (length == 0 || raw.charAt(0) != '/') {
            throw RejectedRequest.badRequest("The request target must be a path starting with '/'");
        }
        boolean normal = true;
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == ';') {
                normal = false;
            } else if (c == '/') {
                if (i + 1 < length && (raw.charAt(i + 1) == '/' || raw.charAt(i + 1) == '.')) {
                    normal = false;
                }
            } else if (!isPathCharacter(c)) {
                throw mustBeEncoded(c, "path");
            }
        }
        return normal ? raw : removeDotSegments(decodeUnreserved(raw));
    }

    /**
     * The query string is the service's to interpret, but it must still be a valid URI query: a malformed one
     * is refused here, in JSON, rather than by whichever parser trips over it later.
     */
    static void checkQuery(String query) {
        if (query == null) {
            return;
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || hex(query.charAt(i + 1)) < 0 || hex(query.charAt(i + 2)) < 0) {
                    throw malformedEscape();
                }
                i += 2;
            } else if (!isPathCharacter(c) && c != '?' && c != '[' && c != ']') {
                throw mustBeEncoded(c, "query string");
            }
        }
    }

    /** Decodes %XX of unreserved characters, keeps every other escape (upper-cased) and refuses the dangerous ones. */
    private static String decodeUnreserved(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        byte[] run = null;
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            // a run of escapes: together they must be valid UTF-8 (a multi-byte character cannot be split by a raw one)
            if (run == null) {
                run = new byte[raw.length() / 3];
            }
            int runLength = 0;
            boolean nonAscii = false;
            while (i < raw.length() && raw.charAt(i) == '%') {
                int high = i + 1 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int low = i + 2 < raw.length() ? hex(raw.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw malformedEscape();
                }
                int b = high << 4 | low;
                if (b == '/' || b == '\\') {
                    throw RejectedRequest.badRequest("The request path contains an encoded " + (b == '/' ? "slash (%2F)" : "backslash (%5C)")
                            + ", which the edge does not accept");
                }
                if (b < 0x20 || b == 0x7F) {
                    throw controlCharacter();
                }
                if (isUnreserved((char) b)) {
                    out.append((char) b);
                } else {
                    out.append('%').append(HEX[high]).append(HEX[low]);
                }
                nonAscii |= b >= 0x80;
                run[runLength++] = (byte) b;
                i += 3;
            }
            if (nonAscii) {
                checkUtf8(run, runLength);
            }
        }
        return out.toString();
    }

    private static void checkUtf8(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer decoded;
        try {
            decoded = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (CharacterCodingException e) {
            throw RejectedRequest.badRequest("The request path is not valid UTF-8 once percent-decoded");
        }
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i))) {
                throw controlCharacter();
            }
        }
    }

    /** RFC 3986 remove_dot_segments on a path whose dots are all literal now, merging empty segments too. */
    private static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        boolean trailingSlash = false;
        // segments[0] is the empty string before the leading slash
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals(".") || name.equals("..")) {
                if (parameters >= 0) {
                    throw RejectedRequest.badRequest("The request path contains a dot segment with parameters ('" + name
                            + ";'), which the edge does not accept");
                }
                if (name.equals("..") && !kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                trailingSlash = last;
            } else if (segment.isEmpty()) {
                trailingSlash = last;
            } else {
                kept.add(segment);
                trailingSlash = false;
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : kept) {
            out.append('/').append(segment);
        }
        if (kept.isEmpty() || trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 pchar without '%' (handled apart), plus '/'. */
    private static boolean isPathCharacter(char c) {
        if (isUnreserved(c)) {
            return true;
        }
        return switch (c) {
            case '/', ':', '@', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=' -> true;
            default -> false;
        };
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static RejectedRequest mustBeEncoded(char c, String part) {
        if (c == '\\') {
            return RejectedRequest.badRequest("The request " + part + " contains a backslash, which the edge does not accept");
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return controlCharacter();
        }
        String shown = c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
        return RejectedRequest.badRequest("The request " + part + " contains " + shown
                + ", which must be percent-encoded");
    }

    private static RejectedRequest malformedEscape() {
        return RejectedRequest.badRequest("The request URI has malformed percent-encoding ('%' must be followed by two hex digits)");
    }

    private static RejectedRequest controlCharacter() {
        return RejectedRequest.badRequest("The request path contains a control character");
    }
}
