package io.altokit.model.signing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Keys made by openssl load here; signatures made here verify with openssl and the other way round. */
class OpensslInteropTest {
    @TempDir
    static Path dir;
    static Path privatePem;
    static Path publicPem;

    @BeforeAll
    static void generateKeys() throws Exception {
        assumeTrue(run("openssl", "version") == 0, "openssl not installed");
        privatePem = dir.resolve("alto-signing.pem");
        publicPem = dir.resolve("alto-signing.pub.pem");
        assertThat(run("openssl", "genpkey", "-algorithm", "ed25519", "-out", privatePem.toString())).isZero();
        assertThat(run("openssl", "pkey", "-in", privatePem.toString(), "-pubout", "-out", publicPem.toString())).isZero();
    }

    @Test
    void loadsOpensslKeysAndTheirSignaturesAgreeBothWays() throws Exception {
        PrivateKey privateKey = PemKeys.readPrivateKey(privatePem);
        PublicKey publicKey = PemKeys.readPublicKey(publicPem);
        assertThat(PemKeys.toPem(publicKey)).isEqualTo(Files.readString(publicPem));

        byte[] body = "{\"meta\":{\"vtag\":{\"resource-id\":\"my-default-network-map\",\"tag\":\"da65eca2eb7a10ce8b059740b0b2e3f8eb1d4785\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        SignedResponse signed = ResponseSigner.builder(privateKey, "openssl-key").build()
                .sign(200, "application/alto-networkmap+json", body);

        // our signature, openssl's verification
        Path base = Files.write(dir.resolve("base.txt"), signed.signatureBase().bytes());
        String sigB64 = signed.signature().substring("alto=:".length(), signed.signature().length() - 1);
        Path sig = Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(sigB64));
        assertThat(run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicPem.toString(), "-rawin",
                "-in", base.toString(), "-sigfile", sig.toString())).isZero();
        Files.write(base, (signed.signatureBase().text() + "x").getBytes(StandardCharsets.US_ASCII));
        assertThat(run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicPem.toString(), "-rawin",
                "-in", base.toString(), "-sigfile", sig.toString())).isNotZero();

        // openssl's signature over our base, our verification
        Files.write(base, signed.signatureBase().bytes());
        Path opensslSig = dir.resolve("openssl-sig.bin");
        assertThat(run("openssl", "pkeyutl", "-sign", "-inkey", privatePem.toString(), "-rawin",
                "-in", base.toString(), "-out", opensslSig.toString())).isZero();
        HttpFields fields = HttpFields.builder()
                .add("Content-Type", "application/alto-networkmap+json")
                .add("Content-Digest", signed.contentDigest())
                .add("Signature-Input", signed.signatureInput())
                .add("Signature", "alto=:" + Base64.getEncoder().encodeToString(Files.readAllBytes(opensslSig)) + ":")
                .build();
        SignatureVerifier verifier = SignatureVerifier.builder().trust("openssl-key", publicKey).maxAge(Duration.ofMinutes(1)).build();
        assertThat(verifier.verify(200, fields, body).isVerified()).isTrue();
    }

    @Test
    void refusesWhatIsNotAnEd25519KeyWithAClearMessage() throws Exception {
        Path ec = dir.resolve("ec.pem");
        assertThat(run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ec.toString())).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.readPrivateKey(ec)).withMessageContaining("Ed25519");
        Path encrypted = dir.resolve("enc.pem");
        assertThat(run("openssl", "pkey", "-in", privatePem.toString(), "-aes256", "-passout", "pass:x", "-out", encrypted.toString())).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.readPrivateKey(encrypted)).withMessageContaining("ENCRYPTED");
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.readPublicKey(privatePem)).withMessageContaining("PRIVATE KEY");
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.parsePublicKey("hello")).withMessageContaining("no PEM block");
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.parsePublicKey("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----"))
                .withMessageContaining("base64");
        assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.parsePublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .withMessageContaining("Ed25519");
    }

    private static int run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
