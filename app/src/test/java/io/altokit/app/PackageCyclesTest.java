package io.altokit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No package of AltoKit's main code depends, directly or through others, on a package that depends on it
 * back. {@code app} depends on every other module, so its test classpath holds all of their main
 * classes; jdeps reads them and a cycle fails the build with the class references that close it.
 * {@code bench}, the one module above {@code app}, is not scanned: its one package, {@code io.altokit.bench},
 * is used by no other module, so it cannot close a cycle.
 */
class PackageCyclesTest {

    private static final String ALTOKIT = "io.altokit.";

    @Test
    void mainCodeHasNoPackageCycles() throws Exception {
        PackageGraph graph = PackageGraph.scan(mainClassRoots(), ALTOKIT);

        assertThat(graph.packages().stream().map(pkg -> pkg.split("\\.")[2]).distinct())
                .as("the scan sees every module")
                .contains("model", "core", "provision", "server", "client", "tracker", "sim", "app");
        assertThat(graph.cycles())
                .as("package cycles (break each by moving a type to the package that owns its concept)")
                .isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamedWithTheReferencesThatCloseIt(@TempDir Path dir) throws IOException {
        Path classes = compile(dir, Map.of(
                "cyc/a/A.java", "package cyc.a; public class A { cyc.b.B b; }",
                "cyc/b/B.java", "package cyc.b; public class B { cyc.c.C c; }",
                "cyc/c/C.java", "package cyc.c; public class C { cyc.a.A a; }",
                "cyc/d/D.java", "package cyc.d; public class D { cyc.a.A a; }"));

        List<String> cycles = PackageGraph.scan(List.of(classes), "cyc.").cycles();

        assertThat(cycles).containsExactly("""
                cyc.a -> cyc.b -> cyc.c -> cyc.a
                    cyc.a.A -> cyc.b.B
                    cyc.b.B -> cyc.c.C
                    cyc.c.C -> cyc.a.A""");
    }

    @Test
    void layeredPackagesHaveNoCycle(@TempDir Path dir) throws IOException {
        Path classes = compile(dir, Map.of(
                "lay/a/A.java", "package lay.a; public class A { lay.b.B b; lay.c.C c; }",
                "lay/b/B.java", "package lay.b; public class B { lay.c.C c; }",
                "lay/c/C.java", "package lay.c; public class C { }"));

        PackageGraph graph = PackageGraph.scan(List.of(classes), "lay.");

        assertThat(graph.packages()).containsExactly("lay.a", "lay.b", "lay.c");
        assertThat(graph.cycles()).isEmpty();
    }

    /** Directories and jars on the test classpath that hold AltoKit main classes (not test classes). */
    private static List<Path> mainClassRoots() throws IOException, URISyntaxException {
        List<Path> roots = new ArrayList<>();
        for (URL url : Collections.list(PackageCyclesTest.class.getClassLoader().getResources("io/altokit"))) {
            Path root = switch (url.getProtocol()) {
                case "file" -> Path.of(url.toURI()).getParent().getParent();
                case "jar" -> Path.of(URI.create(url.getPath().substring(0, url.getPath().indexOf("!/"))));
                default -> throw new IllegalStateException("unexpected classpath entry " + url);
            };
            String name = root.getFileName().toString();
            // Test classes, whether compiled here or from another module's test jar (provision's helpers).
            if (!name.equals("test-classes") && !name.endsWith("-tests.jar")) {
                roots.add(root);
            }
        }
        return roots;
    }

    private static Path compile(Path dir, Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                .as("javac").isZero();
        return classes;
    }
}
