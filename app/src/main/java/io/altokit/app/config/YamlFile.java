package io.altokit.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Parses the configuration file into its root {@link ConfigNode}; the only place YAML text is read. */
public final class YamlFile {
    /**
     * SnakeYAML refuses documents over 3 MB by default; a network file listing an operator's 250k
     * prefixes is 4 MB, so the limit is 1 GiB of characters (code points), beyond any file a server
     * would load; longer prefix lists belong in prefix-files.
     */
    static final int CODE_POINT_LIMIT = 1 << 30;
    private static final YAMLMapper YAML = mapper(CODE_POINT_LIMIT);

    /** Every top-level section of the network file (docs/configuration.md); any other key is a mistake. */
    public static final Set<String> SECTIONS = Set.of("default-pid", "network-map", "prefix-files", "costs", "resource-pools", "rating",
            "cost-context",
            "server", "tls", "auth", "access", "rate-limit", "privacy", "signing", "bgp", "mrt");

    private YamlFile() {
    }

    private static YAMLMapper mapper(int codePointLimit) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(codePointLimit);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options)
                // "tls:" with nothing after it is null, like "tls: null": both mean the key is not set.
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                // A key given twice (two access: sections) is a mistake, not "the last one wins".
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    }

    /** The file's top-level mapping; errors name the file. */
    public static ConfigNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot read: " + e.getMessage());
        }
    }

    /** Reads {@code in} as the contents of {@code file} (which names it in errors and anchors relative paths). */
    public static ConfigNode read(InputStream in, Path file) {
        return read(in, file, YAML, CODE_POINT_LIMIT);
    }

    /** As {@link #read(InputStream, Path)}, refusing documents over {@code codePointLimit} characters. */
    static ConfigNode read(InputStream in, Path file, int codePointLimit) {
        return read(in, file, mapper(codePointLimit), codePointLimit);
    }

    private static ConfigNode read(InputStream in, Path file, YAMLMapper yaml, int codePointLimit) {
        byte[] content;
        try {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot read: " + e.getMessage());
        }
        JsonNode root = utf8(content).filter(text -> text.length() <= codePointLimit).flatMap(FlowPrefixLists::of)
                .flatMap(lists -> treeWithout(lists, yaml))
                .orElseGet(() -> tree(content, file, yaml, codePointLimit));
        if (root == null || !root.isObject()) {
            throw new ConfigException(file, "", "the top level must be a mapping with a network-map section");
        }
        return new ConfigNode(root, "", file).mapping(SECTIONS);
    }

    /**
     * The tree of the text with its prefix lists read aside, if the YAML parser reads the rest and it
     * holds them where the lines had them; else empty, and the whole file is parsed again the usual
     * way, so that a mistake is reported exactly as it always is.
     */
    private static Optional<JsonNode> treeWithout(FlowPrefixLists lists, YAMLMapper yaml) {
        try {
            JsonNode root = yaml.readTree(lists.yaml());
            return root != null && lists.fillInto(root) ? Optional.of(root) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static JsonNode tree(byte[] content, Path file, YAMLMapper yaml, int codePointLimit) {
        try {
            return yaml.readTree(content);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().contains("exceeds the limit")) {
                throw new ConfigException(file, "", "larger than the limit of " + codePointLimit
                        + " characters of YAML; list long prefix lists in prefix-files (CSV) instead");
            }
            throw new ConfigException(file, "", "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + location(e));
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot read: " + e.getMessage());
        }
    }

    /** The content as text if it is UTF-8 without a byte order mark (else the YAML parser finds out its encoding). */
    private static Optional<String> utf8(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb && (content[2] & 0xff) == 0xbf) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
