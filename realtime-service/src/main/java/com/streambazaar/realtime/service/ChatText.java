package com.streambazaar.realtime.service;

/** Chat text rules (API.md): control characters stripped (line breaks and tabs become spaces), trimmed, 1–500 characters. */
public final class ChatText {

    public static final int MAX_LENGTH = 500;

    private ChatText() {
    }

    /** The cleaned text, or null when nothing is left. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
            } else if (Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029
                    || Character.getType(cp) == Character.SURROGATE) {
                // dropped: C0/C1 controls (NUL included), separators that break log and JSON readers, lone surrogates
            } else {
                out.appendCodePoint(cp);
            }
        }
        String text = out.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /** True when the cleaned text is longer than the limit. */
    public static boolean tooLong(String cleaned) {
        return cleaned.codePointCount(0, cleaned.length()) > MAX_LENGTH;
    }
}
