package io.altokit.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test certificate authorities and the certificates they issue, made by the real {@code openssl} tool
 * in a test's temporary directory: EC P-256 for CAs and servers, RSA for clients (both key types the
 * TLS code must load).
 */
final class TestPki {
    /** A certificate (PEM) and its unencrypted PKCS#8 key (PEM). */
    record Identity(Path certificate, Path key) {
    }

    private final Path directory;

    TestPki(Path directory) throws Exception {
        SystemTools.requirePackage("openssl", "OpenSSL (to make a test CA)", "openssl");
        this.directory = directory;
    }

    /** A self-signed CA named {@code name}. */
    Identity authority(String name) throws Exception {
        Identity ca = files(name);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.certificate().toString(), "-days", "2",
                "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /** A server certificate from {@code ca} for 127.0.0.1 and localhost. */
    Identity server(Identity ca, String name) throws Exception {
        return issue(ca, name, List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    }

    /** A client certificate from {@code ca} whose subject is {@code CN=name}. */
    Identity client(Identity ca, String name) throws Exception {
        return issue(ca, name, List.of("rsa:2048"), "extendedKeyUsage=clientAuth\n");
    }

    private Identity issue(Identity ca, String name, List<String> keyType, String extensions) throws Exception {
        Identity issued = files(name);
        Path request = directory.resolve(name + ".csr");
        Path extensionFile = Files.writeString(directory.resolve(name + ".ext"), extensions);
        List<String> newKey = new ArrayList<>(List.of("req", "-newkey"));
        newKey.addAll(keyType);
        newKey.addAll(List.of("-nodes", "-keyout", issued.key().toString(), "-out", request.toString(), "-subj", "/CN=" + name));
        openssl(newKey.toArray(String[]::new));
        openssl("x509", "-req", "-in", request.toString(), "-CA", ca.certificate().toString(), "-CAkey", ca.key().toString(),
                "-CAcreateserial", "-out", issued.certificate().toString(), "-days", "2", "-extfile", extensionFile.toString());
        return issued;
    }

    private Identity files(String name) {
        return new Identity(directory.resolve(name + ".crt"), directory.resolve(name + ".key"));
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = directory.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(exited && process.exitValue() == 0).as(String.join(" ", command) + "\n" + Files.readString(log)).isTrue();
    }
}
