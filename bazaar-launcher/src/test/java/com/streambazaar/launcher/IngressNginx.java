package com.streambazaar.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which backend ingress-nginx sends a request to, given Ingress objects: a model of what its controller renders into
 * nginx.conf and of how nginx then picks a {@code location}. It follows ingress-nginx (controller.go
 * {@code getBackendServers}/{@code updateServerLocations}, template.go {@code buildLocation} and
 * {@code enforceRegexModifier}) and nginx's documented location selection:
 *
 * <ol>
 *   <li>Servers: one per host; rules without a host belong to the default server {@code _}, which is also where a
 *       request for an unknown host lands. Every server has a root location {@code /} for the default backend
 *       (404) unless an Ingress defines {@code /} itself.</li>
 *   <li>Prefix paths (unless their Ingress uses regex or a rewrite) become two locations: {@code = /foo} (exact)
 *       and the prefix {@code /foo/} (ingress-nginx {@code normalizePrefixPath}); an Exact path of the same text
 *       replaces the generated exact one.</li>
 *   <li>Order: stable sort by path, descending, then stable sort by path length, descending: longest first.</li>
 *   <li>{@code use-regex: "true"} (or a {@code rewrite-target}) on ANY Ingress of a host makes EVERY location of
 *       that host, from every Ingress and whatever its pathType, a case-insensitive regex location
 *       {@code ~* "^<path>"}. Otherwise Exact paths are {@code = <path>} and Prefix paths plain prefixes.</li>
 *   <li>nginx matches the normalised URI ({@code %XX} decoded, {@code //} merged, {@code .} and {@code ..} resolved;
 *       the query string is not part of it): an exact location wins at once; else the longest matching prefix is
 *       remembered; then the regex locations are tried in the order above and the first match wins; if none
 *       matches, the remembered prefix is used.</li>
 *   <li>A {@code rewrite-target} replaces the whole URI of a matched request (query string kept); otherwise the
 *       request goes upstream as the client sent it.</li>
 * </ol>
 * Java's regex dialect agrees with PCRE on every construct the manifests use ({@code (?-i)}, {@code (?!...)},
 * classes, groups, {@code $}).
 */
final class IngressNginx {

    private static final String DEFAULT_SERVER = "_";
    private static final String ANNOTATION = "nginx.ingress.kubernetes.io/";

    /** One nginx location: where it came from and how nginx matches it. */
    record Location(String ingress, String path, String pathType, String service, Map<String, String> annotations,
                    boolean defaultBackend) {

        boolean useRegex() {
            return "true".equals(annotations.get(ANNOTATION + "use-regex"));
        }

        String rewriteTarget() {
            return annotations.getOrDefault(ANNOTATION + "rewrite-target", "");
        }

        String annotation(String name) {
            return annotations.get(ANNOTATION + name);
        }
    }

    /** How nginx renders a location: {@code =} exact, plain prefix, or {@code ~*} regex. */
    enum Modifier { EXACT, PREFIX, REGEX }

    record RenderedLocation(Location location, Modifier modifier, Pattern regex) {

        boolean matches(String normalizedUri) {
            return switch (modifier) {
                case EXACT -> normalizedUri.equals(location.path());
                case PREFIX -> normalizedUri.startsWith(location.path());
                case REGEX -> regex.matcher(normalizedUri).lookingAt();
            };
        }

        @Override
        public String toString() {
            String rendered = switch (modifier) {
                case EXACT -> "= " + location.path();
                case PREFIX -> location.path();
                case REGEX -> "~* \"^" + location.path() + "\"";
            };
            return "location " + rendered + " -> " + (location.defaultBackend() ? "default backend" : location.service());
        }
    }

    /** Where a request goes: the location that took it and the URI the backend receives. */
    record Match(RenderedLocation location, String upstreamUri) {

        Optional<String> service() {
            return location.location().defaultBackend() ? Optional.empty() : Optional.of(location.location().service());
        }
    }

    private final Map<String, List<RenderedLocation>> servers;

    private IngressNginx(Map<String, List<RenderedLocation>> servers) {
        this.servers = servers;
    }

    /** The model of an ingress-nginx controller (class {@code nginx}) serving these objects' Ingresses. */
    static IngressNginx of(List<JsonNode> objects) {
        Map<String, List<Location>> byHost = new LinkedHashMap<>();
        byHost.put(DEFAULT_SERVER, new ArrayList<>());
        for (JsonNode object : objects) {
            if (!"Ingress".equals(object.path("kind").asText()) || !"nginx".equals(object.path("spec").path("ingressClassName").asText())) {
                continue;
            }
            String name = object.path("metadata").path("name").asText();
            Map<String, String> annotations = new HashMap<>();
            object.path("metadata").path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
            for (JsonNode rule : object.path("spec").path("rules")) {
                String host = rule.path("host").asText(DEFAULT_SERVER);
                for (JsonNode path : rule.path("http").path("paths")) {
                    byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(new Location(name, path.path("path").asText(),
                            path.path("pathType").asText(), path.path("backend").path("service").path("name").asText(),
                            Map.copyOf(annotations), false));
                }
            }
        }
        Map<String, List<RenderedLocation>> servers = new LinkedHashMap<>();
        byHost.forEach((host, locations) -> servers.put(host, render(locations)));
        return new IngressNginx(servers);
    }

    private static List<RenderedLocation> render(List<Location> declared) {
        List<Location> locations = new ArrayList<>(declared);
        if (locations.stream().noneMatch(l -> l.path().equals("/"))) {
            locations.add(new Location("(default backend)", "/", "Prefix", "", Map.of(), true));
        }
        locations = prefixLocations(locations);
        // ingress-nginx sorts by path (descending), then, stably, by path length (descending)
        locations.sort(Comparator.comparing(Location::path).reversed());
        locations.sort(Comparator.comparingInt((Location l) -> l.path().length()).reversed());
        boolean enforceRegex = declared.stream().anyMatch(l -> l.useRegex() || !l.rewriteTarget().isEmpty());
        List<RenderedLocation> rendered = new ArrayList<>();
        for (Location location : locations) {
            if (enforceRegex) {
                rendered.add(new RenderedLocation(location, Modifier.REGEX,
                        Pattern.compile("^" + location.path(), Pattern.CASE_INSENSITIVE)));
            } else if (location.pathType().equals("Exact")) {
                rendered.add(new RenderedLocation(location, Modifier.EXACT, null));
            } else {
                rendered.add(new RenderedLocation(location, Modifier.PREFIX, null));
            }
        }
        return List.copyOf(rendered);
    }

    /** ingress-nginx updateServerLocations: a Prefix path /foo becomes the prefix /foo/ plus an exact /foo. */
    private static List<Location> prefixLocations(List<Location> locations) {
        Set<String> exact = new HashSet<>();
        for (Location location : locations) {
            if (location.pathType().equals("Exact")) {
                exact.add(location.path());
            }
        }
        List<Location> out = new ArrayList<>();
        for (Location location : locations) {
            boolean plainPrefix = location.pathType().equals("Prefix") && !location.path().equals("/")
                    && !location.useRegex() && location.rewriteTarget().isEmpty();
            if (!plainPrefix) {
                out.add(location);
                continue;
            }
            String normalized = location.path().endsWith("/") ? location.path() : location.path() + "/";
            out.add(new Location(location.ingress(), normalized, "Prefix", location.service(), location.annotations(), false));
            if (!exact.contains(location.path())) {
                out.add(new Location(location.ingress(), location.path(), "Exact", location.service(), location.annotations(), false));
            }
        }
        return out;
    }

    /** The locations of a host's server in nginx.conf order. */
    List<RenderedLocation> locations(String host) {
        return servers.getOrDefault(host, servers.get(DEFAULT_SERVER));
    }

    /** The location nginx picks for a request target (path and optional query) sent to {@code host}. */
    Match route(String host, String target) {
        int queryStart = target.indexOf('?');
        String rawPath = queryStart < 0 ? target : target.substring(0, queryStart);
        String query = queryStart < 0 ? "" : target.substring(queryStart);
        String uri = normalize(rawPath);
        List<RenderedLocation> locations = locations(host);
        RenderedLocation longestPrefix = null;
        for (RenderedLocation location : locations) {
            if (location.modifier() == Modifier.EXACT && location.matches(uri)) {
                return match(location, target, query);
            }
            if (location.modifier() == Modifier.PREFIX && location.matches(uri)
                    && (longestPrefix == null || location.location().path().length() > longestPrefix.location().path().length())) {
                longestPrefix = location;
            }
        }
        for (RenderedLocation location : locations) {
            if (location.modifier() == Modifier.REGEX && location.matches(uri)) {
                return match(location, target, query);
            }
        }
        if (longestPrefix == null) {
            throw new IllegalStateException("no location for " + target + ": every server has a root location");
        }
        return match(longestPrefix, target, query);
    }

    /** The locations other than the default backend that match a request (at most one, for order-free rules). */
    List<RenderedLocation> allMatching(String host, String target) {
        int queryStart = target.indexOf('?');
        String uri = normalize(queryStart < 0 ? target : target.substring(0, queryStart));
        return locations(host).stream().filter(l -> !l.location().defaultBackend() && l.matches(uri)).toList();
    }

    private static Match match(RenderedLocation location, String target, String query) {
        String rewrite = location.location().rewriteTarget();
        return new Match(location, rewrite.isEmpty() ? target : rewrite + query);
    }

    /**
     * nginx's URI normalisation before location matching (ngx_http_parse_complex_uri): percent-escapes decoded,
     * repeated slashes merged (merge_slashes on), {@code .} and {@code ..} segments resolved.
     */
    static String normalize(String rawPath) {
        byte[] decoded = percentDecode(rawPath);
        String path = new String(decoded, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        String[] segments = path.split("/", -1);
        boolean trailingSlash = false;
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                trailingSlash = last;
            } else if (segment.equals(".") || segment.isEmpty()) {
                trailingSlash = last;
            } else {
                kept.add(segment);
                trailingSlash = false;
            }
        }
        StringBuilder out = new StringBuilder();
        for (String segment : kept) {
            out.append('/').append(segment);
        }
        if (kept.isEmpty() || trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }

    private static byte[] percentDecode(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out[n++] = (byte) (hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else {
                out[n++] = bytes[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
