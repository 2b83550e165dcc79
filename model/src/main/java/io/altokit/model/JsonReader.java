package io.altokit.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A streaming, path-aware reader for request bodies: one pass over Jackson's tokens, no tree, and
 * every deviation reported as the RFC 7285 error with the field's full path ("cost-type/cost-mode").
 * Endpoint lists of requests are parsed straight from the tokens, which keeps the hot path lean.
 */
final class JsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Requests are decoded on a few long-lived event loop threads: per-thread buffers are ideal.
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();
    /** Only to render a non-string array element as text for the error's "value". */
    private static final ObjectMapper TREES = new ObjectMapper(FACTORY);

    /** Reads the value of one field of an object; must consume it (read or {@link #skip()}). */
    interface FieldReader {
        void read(String name, String path) throws IOException;
    }

    /** A decoding step that may fail with Jackson's I/O or parse exceptions. */
    interface Decoding<T> {
        T read(JsonReader reader) throws IOException;
    }

    private final JsonParser parser;

    private JsonReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Decodes a whole body that must be one JSON object; anything after it is a syntax error. */
    static <T> T decode(byte[] body, Decoding<T> decoding) {
        return decode(body, "request body", decoding);
    }

    /** As {@link #decode(byte[], Decoding)}, naming the body ("response body") in syntax errors. */
    static <T> T decode(byte[] body, String what, Decoding<T> decoding) {
        if (body.length >= 2 && (body[0] == 0 || body[1] == 0 || body[0] == (byte) 0xFE || body[0] == (byte) 0xFF)) {
            // Jackson would detect UTF-16 or UTF-32 here and decode it; RFC 8259 8.1 requires UTF-8, whose
            // JSON objects never start with these bytes.
            throw new AltoException(AltoError.syntax(what + " is not UTF-8 (RFC 8259 section 8.1)"));
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new AltoException(AltoError.syntax("empty " + what));
            }
            if (first != JsonToken.START_OBJECT) {
                throw new AltoException(AltoError.syntax(what + " must be a JSON object"));
            }
            T result;
            try {
                result = decoding.read(new JsonReader(parser));
            } catch (AltoException invalid) {
                // RFC 7285 8.5.2 checks syntax first: a syntax error later in the body wins.
                finish(parser);
                throw invalid;
            }
            finish(parser);
            return result;
        } catch (JsonParseException e) {
            throw new AltoException(AltoError.syntax(e.getOriginalMessage() + " at " + where(e.getProcessor())));
        } catch (IOException e) {
            throw new AltoException(AltoError.syntax(e.getMessage()));
        }
    }

    /**
     * Reads to the end of the root object and checks that nothing follows it, so a syntax error
     * anywhere surfaces (as a JsonParseException or a syntax AltoException). Jackson itself would
     * read a second root value after the first, so content after the object is checked here.
     */
    private static void finish(JsonParser parser) throws IOException {
        while (!parser.getParsingContext().inRoot()) {
            if (parser.nextToken() == null) {
                return; // Jackson reports a truncated body itself
            }
        }
        if (parser.nextToken() != null) {
            throw new AltoException(AltoError.syntax("unexpected content after the JSON object at " + where(parser)));
        }
    }

    private static String where(JsonParser parser) {
        var location = parser.currentLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The current token starts an object: hands each field to {@code fields}, ignoring none itself. */
    void object(String path, FieldReader fields) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw wrongType(path);
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fields.read(name, path.isEmpty() ? name : path + "/" + name);
        }
    }

    String string(String path) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw wrongType(path);
        }
        return parser.getText();
    }

    /** A string, or empty for JSON null. */
    Optional<String> nullableString(String path) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(string(path));
    }

    /**
     * An array of strings, each converted; RFC 7285 8.5.2: an element that does not convert, or is
     * not a string, makes the array's value invalid, reported with the element as a string.
     */
    <T> List<T> stringArray(String path, Function<String, Optional<T>> convert) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw wrongType(path);
        }
        List<T> out = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                out.add(convert.apply(text).orElseThrow(() -> new AltoException(AltoError.invalidValue(path, text))));
            } else {
                String text = token.isStructStart() ? TREES.readTree(parser).toString() : parser.getText();
                throw new AltoException(AltoError.invalidValue(path, text));
            }
        }
        return out;
    }

    /** The current object as compact JSON bytes, for a part handed on undecoded (an update stream's "input"). */
    byte[] rawObject(String path) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw wrongType(path);
        }
        return TREES.writeValueAsBytes(TREES.readTree(parser));
    }

    /** A JSON number (integer or fraction) as a double. */
    double number(String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(path);
        }
        return parser.getDoubleValue();
    }

    boolean bool(String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw wrongType(path);
        }
        return token == JsonToken.VALUE_TRUE;
    }

    /** Reads one element of an array; must consume it. The path names the element ("a/b[2]"). */
    interface ElementReader {
        void read(String path) throws IOException;
    }

    /** The current token starts an array: hands each element to {@code elements}. */
    void array(String path, ElementReader elements) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw wrongType(path);
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.read(path + "[" + index++ + "]");
        }
    }

    /** Skips the current value (an unknown field: RFC 7285 8.3.7 says to ignore it). */
    void skip() throws IOException {
        parser.skipChildren();
    }

    /** Fails with E_MISSING_FIELD when a required field was not seen. */
    static <T> T required(T value, String path) {
        if (value == null) {
            throw new AltoException(AltoError.missingField(path));
        }
        return value;
    }

    private static AltoException wrongType(String path) {
        return new AltoException(AltoError.invalidType(path));
    }
}
