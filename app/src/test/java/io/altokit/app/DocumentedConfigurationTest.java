package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.YamlFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example file and every YAML block of the configuration docs goes through the reader (GoBGP's
 * TestConfigExample): a documented key the reader rejects, or a misspelt one in the docs, fails here.
 */
class DocumentedConfigurationTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```yaml\\n(.*?)```");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyExampleFileLoadsWholly() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
            examples = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        return examples.stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
            ConfigNode root = YamlFile.read(file);
            ServerSettings.read(root);
            PrivacySettings.read(root);
            assertThat(NetworkSettings.snapshot(root).networkMap().size()).isPositive();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockOfTheConfigurationDocsParses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String doc : List.of("configuration.md", "security.md", "bgp.md", "operations.md")) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(ROOT.resolve("docs").resolve(doc)));
            for (int i = 1; block.find(); i++) {
                String yaml = block.group(1);
                tests.add(DynamicTest.dynamicTest(doc + " block " + i, () -> {
                    ConfigNode root = YamlFile.read(write(yaml));
                    // The sections that name no other file are read whole; the others need their files.
                    ServerSettings.read(root);
                    ServerSettings.adminListen(root);
                    PrivacySettings.read(root);
                    if (root.has("network-map") || root.has("bgp") || root.has("mrt")) {
                        NetworkSettings.config(root);
                    }
                    root.get("bgp").ifPresent(bgp -> BgpSettings.read(bgp, NetworkSettings.defaultPid(root)));
                }));
            }
        }
        assertThat(tests).as("YAML blocks found").hasSizeGreaterThanOrEqualTo(3);
        return tests.stream();
    }

    private Path write(String yaml) {
        try {
            return Files.writeString(Files.createTempFile(dir, "block", ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
