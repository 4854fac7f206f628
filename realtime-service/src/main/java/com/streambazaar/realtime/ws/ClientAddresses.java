package com.streambazaar.realtime.ws;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The address a socket's client connects from: the peer's, or — when the peer is a trusted proxy (the edge, the
 * Ingress: the shared {@code quarkus.http.proxy.trusted-proxies}) — the first address of its {@code X-Forwarded-For}.
 * Anyone else's forwarded headers are ignored. Used for limits per address (guest chat); never for identity. Only
 * literal addresses and CIDR ranges are matched: no name is ever looked up.
 */
@ApplicationScoped
public class ClientAddresses {

    private record Range(byte[] network, int bits) {
    }

    private final List<Range> trusted = new ArrayList<>();

    public ClientAddresses(@ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> proxies) {
        for (String proxy : proxies.orElse(List.of())) {
            Range range = range(proxy.trim());
            if (range != null) {
                trusted.add(range);
            }
        }
    }

    /** {@code peer}: the connection's remote host (a {@code host:port} form is accepted too). */
    public String of(String peer, Function<String, String> header) {
        String host = hostOf(peer);
        if (host == null) {
            return null;
        }
        String forwarded = header.apply("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank() && isTrusted(host)) {
            String first = hostOf(forwarded.split(",")[0].trim());
            if (first != null && !first.isEmpty()) {
                return first;
            }
        }
        return host;
    }

    boolean isTrusted(String host) {
        byte[] address = literal(host);
        if (address == null) {
            return false;
        }
        for (Range range : trusted) {
            if (range.network().length == address.length && matches(range, address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Range range, byte[] address) {
        int bits = range.bits();
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE)
                .shiftRight(bits).not().and(BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE));
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, range.network()).and(mask));
    }

    private static Range range(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null) {
            return null;
        }
        try {
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            return bits < 0 || bits > network.length * 8 ? null : new Range(network, bits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The bytes of a literal IPv4/IPv6 address; null for anything that would need a name lookup. */
    static byte[] literal(String host) {
        if (host == null || host.isEmpty() || !host.matches("[0-9a-fA-F:.%]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}, {@code [::1]:80} → {@code ::1}; a bare address stays as it is. */
    static String hostOf(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String value = address.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : value;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':')) {
            return value.substring(0, colon);
        }
        return value;
    }
}
