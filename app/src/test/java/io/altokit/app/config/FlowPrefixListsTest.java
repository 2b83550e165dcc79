package io.altokit.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prefix lists read aside give the tree the YAML parser gives, or the file is left to the parser. */
class FlowPrefixListsTest {

    private static final Path FILE = Path.of("network.yaml");
    /** The oracle: Jackson's YAML parser as it comes, on the whole text. */
    private static final YAMLMapper PLAIN = new YAMLMapper();

    private static ConfigNode read(String yaml) {
        return YamlFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    private static void assertSameTreeAsTheYamlParser(String yaml) throws Exception {
        JsonNode expected = PLAIN.readTree(yaml);
        assertThat(read(yaml).describe()).isEqualTo(expected.toString());
    }

    @Test
    void randomNetworksInTheOneLineFormReadAsideGiveTheYamlParsersTree() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            String yaml = network(random);
            assertThat(FlowPrefixLists.of(yaml)).as("seed %d read aside:%n%s", seed, yaml).isPresent();
            assertSameTreeAsTheYamlParser(yaml);
        }
    }

    @Test
    void anyOtherFormInTheSectionLeavesTheWholeFileToTheYamlParser() throws Exception {
        for (String section : List.of(
                "  a:\n    ipv4: [10.0.0.0/8]\n",                          // block style
                "  a: { ipv4: [!!str 10.0.0.0/8] }\n",                       // a tag
                "  a: { ipv4: [10.0.0.0/8] } # core\n",                     // comment after the value
                "  a: { ipv4: [net-10/8] }\n",                               // element not starting with a hex digit
                "  a: { ipv4: [10.0.0.0/8,10.1.0.0/16] }\n",                // another separator
                "  a: { ipv4: [10.0.0.0] }\n",                              // no length
                "  a: { ipv4: [10.0.0.0/8] }\n  b: |\n    text\n")) {      // a block scalar
            String yaml = "network-map:\n" + section + "server: { port: 8080 }\n";
            assertThat(FlowPrefixLists.of(yaml)).as(section).isEmpty();
            assertSameTreeAsTheYamlParser(yaml);
        }
    }

    @Test
    void mistakesAreReportedAsTheYamlParserReportsThemInTheWholeFile() {
        String duplicate = "network-map:\n  a: { ipv4: [10.0.0.0/8] }\n  a: { ipv4: [10.1.0.0/16] }\n";
        assertThat(FlowPrefixLists.of(duplicate)).isPresent();
        assertThatThrownBy(() -> read(duplicate)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FILE + ": not valid YAML: ").hasMessageContaining("(line 3, column");
        String broken = "network-map:\n  a: { ipv4: [10.0.0.0/8] }\nserver: { port: 8080\n";
        assertThat(FlowPrefixLists.of(broken)).isPresent();
        assertThatThrownBy(() -> read(broken)).isInstanceOf(ConfigException.class)
                .hasMessage(FILE + ": not valid YAML: while parsing a flow mapping (line 3, column 21)");
        String familyTwice = "network-map:\n  a: { ipv4: [10.0.0.0/8], ipv4: [10.1.0.0/16] }\n";
        assertThat(FlowPrefixLists.of(familyTwice)).as("left to the YAML parser").isEmpty();
        assertThatThrownBy(() -> read(familyTwice)).isInstanceOf(ConfigException.class)
                .hasMessage(FILE + ": not valid YAML: Duplicate field 'ipv4' (line 2, column 32)");
    }

    @Test
    void aBadPrefixIsNamedByItsKeyPathAsBefore() {
        ConfigNode root = read("network-map:\n  a: { ipv4: [10.0.0.0/8, 10.2.0.0/33] }\n");
        ConfigNode element = root.required("network-map").required("a").required("ipv4").list().get(1);
        assertThat(element.path()).isEqualTo("network-map.a.ipv4[1]");
        assertThat(element.text()).isEqualTo("10.2.0.0/33");
    }

    /** A network file in the one-line form, with other sections, blank and comment lines around it. */
    private static String network(Random random) {
        StringBuilder yaml = new StringBuilder();
        if (random.nextBoolean()) {
            yaml.append("# generated\ndefault-pid: rest\n");
        }
        yaml.append("network-map:").append(random.nextBoolean() ? "  " : "").append('\n');
        int pids = 1 + random.nextInt(12);
        for (int pid = 0; pid < pids; pid++) {
            if (random.nextInt(8) == 0) {
                yaml.append(random.nextBoolean() ? "\n" : "  # a comment line\n");
            }
            String space = random.nextBoolean() ? " " : "";
            yaml.append("  ").append(name(random, pid)).append(": {").append(space);
            List<String> families = new ArrayList<>(random.nextBoolean() ? List.of("ipv4", "ipv6") : List.of("ipv6", "ipv4"));
            families = families.subList(0, 1 + random.nextInt(2));
            StringJoiner lists = new StringJoiner(", ");
            for (String family : families) {
                StringJoiner prefixes = new StringJoiner(", ", family + ": [", "]");
                int count = random.nextInt(6);
                for (int i = 0; i < count; i++) {
                    prefixes.add(family.equals("ipv4") ? ipv4(random) : ipv6(random));
                }
                lists.add(prefixes.toString());
            }
            yaml.append(lists).append(space).append('}').append(random.nextBoolean() ? " " : "").append('\n');
        }
        if (random.nextBoolean()) {
            yaml.append("resource-pools:\n  rtt: rtt.csv\nrating:\n  weights: { rtt: 1 }\n");
        }
        return random.nextInt(4) == 0 ? yaml.substring(0, yaml.length() - 1) : yaml.toString();
    }

    /** PID names as operators write them, including ones YAML would read as numbers or booleans if they were values. */
    private static String name(Random random, int index) {
        return switch (random.nextInt(5)) {
            case 0 -> "pid" + index;
            case 1 -> "area-" + index + ".core_" + index;
            case 2 -> String.valueOf(1000 + index);
            case 3 -> index == 0 ? "true" : "n" + index;
            default -> "P" + index + "e5";
        };
    }

    /** Mostly plain, some quoted; lengths past 32. */
    private static String ipv4(Random random) {
        String text = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
                + "/" + random.nextInt(40);
        return random.nextInt(4) == 0 ? "\"" + text + "\"" : text;
    }

    /** Quoted (as YAML needs a colon in a flow list) in full, compressed, upper-case and dotted-quad forms, lengths past 128. */
    private static String ipv6(Random random) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String group = Integer.toHexString(random.nextInt(random.nextBoolean() ? 16 : 65536));
            groups.add(random.nextBoolean() ? group.toUpperCase() : group);
        }
        String text = switch (random.nextInt(5)) {
            case 0 -> String.join(":", groups);
            case 1 -> "::" + String.join(":", groups.subList(0, random.nextInt(7)));
            case 2 -> String.join(":", groups.subList(0, 1 + random.nextInt(6))) + "::";
            case 3 -> groups.get(0) + "::" + groups.get(7);
            default -> String.join(":", groups.subList(0, 6)) + ":" + random.nextInt(256) + "." + random.nextInt(256)
                    + "." + random.nextInt(256) + "." + random.nextInt(256);
        };
        String quote = random.nextBoolean() ? "\"" : "'";
        return quote + text + "/" + random.nextInt(140) + quote;
    }
}
