package io.altokit.model.signing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of RFC 8941 (Structured Field Values) that signatures and digests need: dictionaries whose
 * members are items or inner lists, with parameters; bare items of every RFC 8941 type. Strict: any
 * deviation from the grammar is a {@link MalformedException}, never a partial result.
 */
final class StructuredFields {
    private StructuredFields() {
    }

    /** A token bare item (unquoted). */
    record Token(String value) {
    }

    /** A byte-sequence bare item ({@code :base64:}). */
    record ByteSequence(byte[] bytes) {
        ByteSequence {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** A dictionary member: an item or an inner list, each with parameters. */
    sealed interface Member permits Item, InnerList {
        Map<String, Object> params();
    }

    /** A bare item (Long, BigDecimal, String, Token, ByteSequence or Boolean) with its parameters. */
    record Item(Object value, Map<String, Object> params) implements Member {
        Item {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    record InnerList(List<Item> items, Map<String, Object> params) implements Member {
        InnerList {
            items = List.copyOf(items);
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------- parsing

    static Map<String, Member> parseDictionary(String field) throws MalformedException {
        Parser p = new Parser(field);
        Map<String, Member> dictionary = p.dictionary();
        return Collections.unmodifiableMap(dictionary);
    }

    private static final class Parser {
        private final String s;
        private int pos;
        private final int end;

        Parser(String field) {
            int from = 0;
            int to = field.length();
            while (from < to && (field.charAt(from) == ' ' || field.charAt(from) == '\t')) {
                from++;
            }
            while (to > from && (field.charAt(to - 1) == ' ' || field.charAt(to - 1) == '\t')) {
                to--;
            }
            this.s = field;
            this.pos = from;
            this.end = to;
        }

        private boolean atEnd() {
            return pos >= end;
        }

        private char peek() {
            return s.charAt(pos);
        }

        private MalformedException fail(String what) {
            return new MalformedException(what + " at offset " + pos);
        }

        Map<String, Member> dictionary() throws MalformedException {
            Map<String, Member> members = new LinkedHashMap<>();
            if (atEnd()) {
                throw fail("empty dictionary");
            }
            while (!atEnd()) {
                String key = key();
                Member member;
                if (!atEnd() && peek() == '=') {
                    pos++;
                    member = itemOrInnerList();
                } else {
                    member = new Item(Boolean.TRUE, parameters());
                }
                members.put(key, member); // RFC 8941: a later duplicate overrides an earlier one
                skipOws();
                if (atEnd()) {
                    return members;
                }
                if (peek() != ',') {
                    throw fail("expected ',' between dictionary members");
                }
                pos++;
                skipOws();
                if (atEnd()) {
                    throw fail("trailing ',' in dictionary");
                }
            }
            return members;
        }

        private void skipOws() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        private void skipSp() {
            while (!atEnd() && peek() == ' ') {
                pos++;
            }
        }

        private Member itemOrInnerList() throws MalformedException {
            if (!atEnd() && peek() == '(') {
                return innerList();
            }
            return item();
        }

        private InnerList innerList() throws MalformedException {
            pos++; // '('
            List<Item> items = new ArrayList<>();
            while (!atEnd()) {
                skipSp();
                if (atEnd()) {
                    break;
                }
                if (peek() == ')') {
                    pos++;
                    return new InnerList(items, parameters());
                }
                items.add(item());
                if (atEnd() || (peek() != ' ' && peek() != ')')) {
                    throw fail("expected ' ' or ')' in inner list");
                }
            }
            throw fail("unterminated inner list");
        }

        private Item item() throws MalformedException {
            Object bare = bareItem();
            return new Item(bare, parameters());
        }

        private Map<String, Object> parameters() throws MalformedException {
            Map<String, Object> params = new LinkedHashMap<>();
            while (!atEnd() && peek() == ';') {
                pos++;
                skipSp();
                String key = key();
                Object value = Boolean.TRUE;
                if (!atEnd() && peek() == '=') {
                    pos++;
                    value = bareItem();
                }
                params.put(key, value);
            }
            return params;
        }

        private String key() throws MalformedException {
            if (atEnd()) {
                throw fail("expected a key");
            }
            char first = peek();
            if (!(isLcAlpha(first) || first == '*')) {
                throw fail("a key must start with a lower-case letter or '*'");
            }
            int start = pos++;
            while (!atEnd()) {
                char c = peek();
                if (isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
                    pos++;
                } else {
                    break;
                }
            }
            return s.substring(start, pos);
        }

        private Object bareItem() throws MalformedException {
            if (atEnd()) {
                throw fail("expected a bare item");
            }
            char c = peek();
            if (c == '-' || isDigit(c)) {
                return number();
            }
            if (c == '"') {
                return string();
            }
            if (c == ':') {
                return byteSequence();
            }
            if (c == '?') {
                return bool();
            }
            if (isAlpha(c) || c == '*') {
                return token();
            }
            throw fail("unexpected character '" + printable(c) + "' for a bare item");
        }

        private Object number() throws MalformedException {
            int start = pos;
            boolean negative = false;
            if (peek() == '-') {
                negative = true;
                pos++;
            }
            if (atEnd() || !isDigit(peek())) {
                throw fail("expected a digit");
            }
            int digitsStart = pos;
            int dot = -1;
            while (!atEnd()) {
                char c = peek();
                if (isDigit(c)) {
                    pos++;
                } else if (c == '.' && dot < 0) {
                    if (pos - digitsStart > 12) {
                        throw fail("decimal with more than 12 integer digits");
                    }
                    dot = pos++;
                } else {
                    break;
                }
                int length = pos - digitsStart;
                if (dot < 0 && length > 15 || dot >= 0 && length > 16) {
                    throw fail("number too long");
                }
            }
            String text = s.substring(start, pos);
            if (dot < 0) {
                return Long.parseLong(text);
            }
            int fraction = pos - dot - 1;
            if (fraction < 1 || fraction > 3) {
                throw fail("decimal needs 1 to 3 fraction digits");
            }
            BigDecimal value = new BigDecimal(text);
            return negative && value.signum() == 0 ? value.abs() : value;
        }

        private String string() throws MalformedException {
            pos++; // '"'
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    if (atEnd()) {
                        throw fail("dangling escape in string");
                    }
                    char next = s.charAt(pos++);
                    if (next != '"' && next != '\\') {
                        throw fail("invalid escape in string");
                    }
                    out.append(next);
                } else if (c == '"') {
                    return out.toString();
                } else if (c < 0x20 || c > 0x7e) {
                    throw fail("invalid character in string");
                } else {
                    out.append(c);
                }
            }
            throw fail("unterminated string");
        }

        private Token token() {
            int start = pos++;
            while (!atEnd() && (isTchar(peek()) || peek() == ':' || peek() == '/')) {
                pos++;
            }
            return new Token(s.substring(start, pos));
        }

        private ByteSequence byteSequence() throws MalformedException {
            pos++; // ':'
            int start = pos;
            while (!atEnd() && peek() != ':') {
                char c = peek();
                if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                    throw fail("invalid character in byte sequence");
                }
                pos++;
            }
            if (atEnd()) {
                throw fail("unterminated byte sequence");
            }
            String b64 = s.substring(start, pos);
            pos++; // ':'
            try {
                return new ByteSequence(Base64.getDecoder().decode(b64));
            } catch (IllegalArgumentException e) {
                throw fail("invalid base64 in byte sequence");
            }
        }

        private Boolean bool() throws MalformedException {
            pos++; // '?'
            if (atEnd()) {
                throw fail("unterminated boolean");
            }
            char c = s.charAt(pos++);
            if (c == '1') {
                return Boolean.TRUE;
            }
            if (c == '0') {
                return Boolean.FALSE;
            }
            throw fail("a boolean is ?0 or ?1");
        }
    }

    // ---------------------------------------------------------------- serialisation

    static String serializeInnerList(List<Item> items, Map<String, Object> params) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            Item item = items.get(i);
            out.append(serializeBareItem(item.value())).append(serializeParams(item.params()));
        }
        return out.append(')').append(serializeParams(params)).toString();
    }

    static String serializeParams(Map<String, Object> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> p : params.entrySet()) {
            out.append(';').append(checkKey(p.getKey()));
            if (!Boolean.TRUE.equals(p.getValue())) {
                out.append('=').append(serializeBareItem(p.getValue()));
            }
        }
        return out.toString();
    }

    /** A dictionary member {@code key=value} (or bare {@code key} for a true boolean). */
    static String serializeMember(String key, Member member) {
        StringBuilder out = new StringBuilder(checkKey(key));
        switch (member) {
            case InnerList list -> out.append('=').append(serializeInnerList(list.items(), list.params()));
            case Item item -> {
                if (!Boolean.TRUE.equals(item.value())) {
                    out.append('=').append(serializeBareItem(item.value()));
                }
                out.append(serializeParams(item.params()));
            }
        }
        return out.toString();
    }

    static String serializeBareItem(Object value) {
        return switch (value) {
            case Long l -> {
                if (Math.abs(l) > 999_999_999_999_999L) {
                    throw new IllegalArgumentException("integer out of range: " + l);
                }
                yield Long.toString(l);
            }
            case Integer i -> Integer.toString(i);
            case BigDecimal d -> serializeDecimal(d);
            case String str -> serializeString(str);
            case Token t -> t.value();
            case ByteSequence b -> ":" + Base64.getEncoder().encodeToString(b.bytes()) + ":";
            case Boolean b -> b ? "?1" : "?0";
            default -> throw new IllegalArgumentException("not a bare item: " + value.getClass());
        };
    }

    static String serializeString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a structured-field string holds printable ASCII only");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static String serializeDecimal(BigDecimal d) {
        BigDecimal rounded = d.setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.scale() < 1) {
            rounded = rounded.setScale(1);
        }
        return rounded.toPlainString();
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || !(isLcAlpha(key.charAt(0)) || key.charAt(0) == '*')) {
            throw new IllegalArgumentException("invalid structured-field key: " + key);
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*')) {
                throw new IllegalArgumentException("invalid structured-field key: " + key);
            }
        }
        return key;
    }

    static boolean isValidKey(String key) {
        try {
            checkKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- character classes

    private static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTchar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(char c) {
        return c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
