package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every answer to bad input must be: an answer (no hung request), never a 5xx, a refusal as a JSON body with a
 * human message, and no internals anywhere — no stack trace, SQL, or Java class or package name.
 */
final class Oracle {

    private static final List<Pattern> INTERNALS = List.of(
            // stack frames and source positions
            Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$]+){2,}\\("),
            Pattern.compile("\\.java:\\d+"),
            // class and package names
            Pattern.compile("\\b(java|javax|jakarta|sun|jdk)\\.[a-z]+\\.[A-Za-z]"),
            Pattern.compile("\\b(com\\.streambazaar|io\\.vertx|io\\.quarkus|io\\.netty|io\\.smallrye|org\\.hibernate"
                    + "|org\\.jboss|org\\.postgresql|com\\.fasterxml|org\\.apache|org\\.eclipse|org\\.flywaydb)\\b"),
            Pattern.compile("\\b[A-Z][A-Za-z]+(Exception|Error)\\b"),
            Pattern.compile("\\b(Integer|Long|BigDecimal|UUID|Instant|OffsetDateTime|LocalDate)\\b`"),
            // SQL and database internals
            Pattern.compile("(?i)\\bSQL ?(STATE|Exception)?\\b"),
            Pattern.compile("(?i)\\bselect\\b[^\\n]{0,80}\\bfrom\\b"),
            Pattern.compile("(?i)\\binsert\\s+into\\b"),
            Pattern.compile("(?i)\\bupdate\\s+\\w+\\s+set\\b"),
            Pattern.compile("(?i)\\bviolates\\b[^\\n]{0,60}\\bconstraint\\b"),
            Pattern.compile("(?i)duplicate key"),
            Pattern.compile("(?i)syntax error at or near"),
            Pattern.compile("(?i)\\brelation \"\\w+\""),
            Pattern.compile("\\bPSQL|\\bpg_[a-z]"),
            Pattern.compile("(?i)\\bhibernate\\b|\\bjdbc\\b"));

    private Oracle() {
    }

    /**
     * What is wrong with this answer to a request that sent {@code sent} (those values are cut out before the body
     * is searched, so an echoed input is not taken for a leak).
     */
    static List<String> problems(int status, String body, String failure, Collection<String> sent) {
        List<String> problems = new ArrayList<>();
        if (status < 0) {
            problems.add("no answer: " + failure);
            return problems;
        }
        if (status >= 500) {
            problems.add("server error " + status);
        }
        String text = body == null ? "" : body;
        if (status >= 400) {
            JsonNode json = parse(text);
            if (json == null || !json.isObject()) {
                problems.add("refusal without a JSON object body");
            } else if (!human(json.path("message"))) {
                problems.add("refusal without a human message");
            }
        }
        problems.addAll(leaks(text, sent));
        return problems;
    }

    /** A message a person can read: a non-blank string with words in it. */
    static boolean human(JsonNode message) {
        return message.isTextual() && message.asText().trim().length() >= 3 && message.asText().matches("(?s).*[A-Za-z]{2,}.*");
    }

    static List<String> leaks(String text, Collection<String> sent) {
        String searched = text;
        for (String value : sent) {
            if (value != null && value.length() >= 3) {
                searched = searched.replace(value, " ");
                // also as it appears JSON-escaped in the body
                String escaped = Http.JSON.valueToTree(value).toString();
                escaped = escaped.substring(1, escaped.length() - 1);
                if (escaped.length() >= 3) {
                    searched = searched.replace(escaped, " ");
                }
            }
        }
        List<String> leaks = new ArrayList<>();
        for (Pattern internal : INTERNALS) {
            var match = internal.matcher(searched);
            if (match.find()) {
                int from = Math.max(0, match.start() - 40);
                leaks.add("internals in the body (" + internal.pattern() + "): …"
                        + searched.substring(from, Math.min(searched.length(), match.end() + 40)) + "…");
            }
        }
        return leaks;
    }

    static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : Http.JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
