package io.altokit.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * An independent oracle for the fuzz tests: is a body valid JSON text (RFC 8259, UTF-8 as RFC 8259
 * 8.1 requires, no duplicate names as the decoders insist), and does it stay inside the limits the
 * decoder enforces (nesting depth, number length)? Deliberately written without Jackson.
 */
final class StrictJson {
    /** Jackson's default StreamReadConstraints, which the decoder keeps. */
    static final int MAX_DEPTH = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;

    enum Verdict {
        /** Valid JSON within the limits: never E_SYNTAX. */
        VALID,
        /** Not JSON, not an object, or with a duplicate name: always E_SYNTAX. */
        INVALID,
        /** Valid JSON nested deeper than the limit: E_SYNTAX. */
        OVER_LIMIT,
        /**
         * Starts with a UTF-8 byte order mark, which RFC 8259 8.1 lets a parser ignore, or has a name with an
         * unpaired surrogate escape, whose meaning RFC 8259 8.2 leaves open, or a number longer than
         * {@link #MAX_NUMBER_LENGTH}: either way.
         */
        EITHER
    }

    private final byte[] b;
    private int at;
    private boolean overLimit;
    /** A name with an unpaired surrogate escape: Jackson refuses those, which RFC 8259 8.2 allows. */
    private boolean loneSurrogateInName;
    /** Jackson refuses long integers as it reads them but long fractions only when converted: either way. */
    private boolean longNumber;

    private StrictJson(byte[] body) {
        this.b = body;
    }

    static Verdict check(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return Verdict.EITHER;
        }
        StrictJson json = new StrictJson(body);
        try {
            json.ws();
            if (json.peek() != '{') {
                return Verdict.INVALID; // valid JSON, but a request body must be an object: E_SYNTAX all the same
            }
            json.value(0);
            json.ws();
            if (json.at != body.length) {
                return Verdict.INVALID;
            }
        } catch (IllegalStateException e) {
            return Verdict.INVALID;
        }
        if (json.overLimit) {
            return Verdict.OVER_LIMIT;
        }
        return json.loneSurrogateInName || json.longNumber ? Verdict.EITHER : Verdict.VALID;
    }

    private static IllegalStateException bad() {
        return new IllegalStateException();
    }

    private void ws() {
        while (at < b.length && (b[at] == ' ' || b[at] == '\t' || b[at] == '\n' || b[at] == '\r')) {
            at++;
        }
    }

    private int peek() {
        if (at >= b.length) {
            throw bad();
        }
        return b[at] & 0xFF;
    }

    /** Iterative over containers, so a deep body cannot overflow the oracle's stack. */
    private void value(int ignored) {
        Deque<Set<String>> stack = new ArrayDeque<>(); // names per open object; null marks an array
        Deque<Boolean> isObject = new ArrayDeque<>();
        boolean expectValue = true;
        while (true) {
            if (expectValue) {
                ws();
                int c = peek();
                if (c == '{' || c == '[') {
                    at++;
                    if (isObject.size() + 1 > MAX_DEPTH) {
                        overLimit = true;
                    }
                    isObject.push(c == '{');
                    stack.push(new HashSet<>());
                    ws();
                    if (peek() == (c == '{' ? '}' : ']')) {
                        at++;
                        isObject.pop();
                        stack.pop();
                        expectValue = false;
                    } else if (c == '{') {
                        name(stack.peek());
                        continue;
                    } else {
                        continue;
                    }
                } else {
                    scalar();
                    expectValue = false;
                }
            }
            if (isObject.isEmpty()) {
                return;
            }
            ws();
            int c = peek();
            at++;
            if (c == ',') {
                if (isObject.peek()) {
                    ws();
                    name(stack.peek());
                }
                expectValue = true;
            } else if (c == (isObject.peek() ? '}' : ']')) {
                isObject.pop();
                stack.pop();
            } else {
                throw bad();
            }
        }
    }

    private void name(Set<String> names) {
        if (peek() != '"') {
            throw bad();
        }
        String name = string();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == name.length() || !Character.isLowSurrogate(name.charAt(++i)))
                    || Character.isLowSurrogate(c)) {
                loneSurrogateInName = true;
            }
        }
        if (!names.add(name)) {
            throw bad();
        }
        ws();
        if (peek() != ':') {
            throw bad();
        }
        at++;
    }

    private void scalar() {
        int c = peek();
        if (c == '"') {
            string();
        } else if (c == '-' || c >= '0' && c <= '9') {
            number();
        } else if (!literal("true") && !literal("false") && !literal("null")) {
            throw bad();
        }
    }

    private boolean literal(String word) {
        if (at + word.length() > b.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[at + i] != word.charAt(i)) {
                return false;
            }
        }
        at += word.length();
        return true;
    }

    private void number() {
        int start = at;
        if (b[at] == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        if (at < b.length && b[at] == '.') {
            at++;
            digits();
        }
        if (at < b.length && (b[at] == 'e' || b[at] == 'E')) {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            longNumber = true;
        }
    }

    private void digits() {
        int start = at;
        while (at < b.length && b[at] >= '0' && b[at] <= '9') {
            at++;
        }
        if (at == start) {
            throw bad();
        }
    }

    /** A string with strict UTF-8 (no overlong forms, no encoded surrogates, nothing past U+10FFFF). */
    private String string() {
        at++; // the quote
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = peek();
            at++;
            if (c == '"') {
                return text.toString();
            }
            if (c < 0x20) {
                throw bad();
            }
            if (c == '\\') {
                int e = peek();
                at++;
                switch (e) {
                    case '"', '\\', '/' -> text.append((char) e);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int h = Character.digit(peek(), 16);
                            if (h < 0) {
                                throw bad();
                            }
                            code = code << 4 | h;
                            at++;
                        }
                        text.append((char) code); // RFC 8259 8.2: lone surrogates are grammatical
                    }
                    default -> throw bad();
                }
            } else if (c < 0x80) {
                text.append((char) c);
            } else {
                int extra;
                int min;
                int code;
                if (c >= 0xC2 && c <= 0xDF) {
                    extra = 1;
                    min = 0x80;
                    code = c & 0x1F;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    extra = 2;
                    min = 0x800;
                    code = c & 0x0F;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    extra = 3;
                    min = 0x10000;
                    code = c & 0x07;
                } else {
                    throw bad();
                }
                for (int i = 0; i < extra; i++) {
                    int d = peek();
                    if ((d & 0xC0) != 0x80) {
                        throw bad();
                    }
                    code = code << 6 | d & 0x3F;
                    at++;
                }
                if (code < min || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
                    throw bad();
                }
                text.appendCodePoint(code);
            }
        }
    }
}
