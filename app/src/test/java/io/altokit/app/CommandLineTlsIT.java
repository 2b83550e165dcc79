package io.altokit.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local TLS recipe of docs/security.md, run as written: its openssl commands make a certificate
 * that curl and {@code alto query} accept for the URL the server prints, without switching checks off.
 */
class CommandLineTlsIT {
    private static final Path SECURITY_MD = Path.of("..", "docs", "security.md");
    private static final Pattern BLOCK = Pattern.compile("```(sh|yaml)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @Test
    void theLocalRecipesCertificateMatchesThePrintedUrl() throws Exception {
        SystemTools.requirePackage("openssl", "openssl", "openssl");
        SystemTools.requirePackage("curl", "curl", "curl");
        List<String> blocks = recipeBlocks();
        assertThat(run("bash", "-euc", blocks.get(0))).as("the openssl commands").isZero();
        Files.writeString(dir.resolve("tls-local.yaml"), blocks.get(1));

        Path log = dir.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--config", dir.resolve("tls-local.yaml").toString(), "--port", "0");
        started.add(server);
        URI directory = AltoJar.awaitReady(server, log);
        assertThat(directory.toString()).startsWith("https://127.0.0.1:");

        Path body = dir.resolve("directory.json");
        assertThat(run("curl", "--silent", "--show-error", "--fail", "--cacert", dir.resolve("ca.crt").toString(),
                "--output", body.toString(), directory.toString())).as("curl verifies the printed URL").isZero();
        assertThat(Files.readString(body)).contains("\"default-alto-network-map\"");

        URI byName = URI.create(directory.toString().replace("127.0.0.1", "localhost"));
        Process query = AltoJar.processBuilder("query", "--server", byName.toString(), "--cacert",
                dir.resolve("ca.crt").toString(), "networkmap").redirectErrorStream(true).start();
        started.add(query);
        assertThat(query.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String answer = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(query.exitValue()).as(answer).isZero();
        assertThat(answer).contains("10.1.0.0/16");
    }

    /** The recipe's openssl block and its YAML file, from the "Try TLS on your machine" section. */
    private static List<String> recipeBlocks() throws Exception {
        String text = Files.readString(SECURITY_MD);
        String section = text.substring(text.indexOf("### Try TLS on your machine"));
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(section);
        while (blocks.size() < 2 && block.find()) {
            blocks.add(block.group(2));
        }
        assertThat(blocks).hasSize(2);
        return blocks;
    }

    private int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("command.log").toFile()).start();
        started.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
