package io.altokit.client.discovery;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The NAPTR REGEXP field (RFC 3402 section 3.2): {@code <delim> ERE <delim> replacement <delim> [i]}, applied to
 * the application-unique string. U-NAPTR (RFC 4848) publishes {@code !.*!URI!}; back-references {@code \1..\9}
 * and {@code \\} are supported as well.
 */
final class NaptrRewrite {
    private NaptrRewrite() {}

    static Optional<String> apply(String regexp, String input) {
        if (regexp == null || regexp.length() < 3) return Optional.empty();
        char delim = regexp.charAt(0);
        if (Character.isLetterOrDigit(delim) || delim == '\\') return Optional.empty();
        int second = findDelim(regexp, delim, 1);
        if (second < 0) return Optional.empty();
        int third = findDelim(regexp, delim, second + 1);
        if (third < 0) return Optional.empty();
        String flags = regexp.substring(third + 1);
        if (!flags.isEmpty() && !flags.equals("i")) return Optional.empty();
        String ere = unescapeDelim(regexp.substring(1, second), delim);
        String repl = unescapeDelim(regexp.substring(second + 1, third), delim);
        Matcher m;
        try {
            m = Pattern.compile(ere, flags.equals("i") ? Pattern.CASE_INSENSITIVE : 0).matcher(input);
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
        if (!m.find()) return Optional.empty();
        StringBuilder out = new StringBuilder(input.substring(0, m.start()));
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c == '\\' && i + 1 < repl.length()) {
                char n = repl.charAt(++i);
                if (n >= '1' && n <= '9') {
                    int g = n - '0';
                    if (g > m.groupCount()) return Optional.empty();
                    String v = m.group(g);
                    out.append(v == null ? "" : v);
                } else {
                    out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        out.append(input.substring(m.end()));
        return Optional.of(out.toString());
    }

    private static int findDelim(String s, char delim, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') { i++; continue; }
            if (c == delim) return i;
        }
        return -1;
    }

    private static String unescapeDelim(String s, char delim) {
        return s.replace("\\" + delim, String.valueOf(delim));
    }
}
