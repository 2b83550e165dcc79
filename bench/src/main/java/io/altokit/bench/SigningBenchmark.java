package io.altokit.bench;

import io.altokit.model.signing.ContentDigest;
import io.altokit.model.signing.ResponseSigner;
import io.altokit.model.signing.SignedResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Where the time of signing one answer goes: the Content-Digest (SHA-256 over the body), the whole
 * {@link ResponseSigner} (digest + signature base + BouncyCastle Ed25519), and, for comparison, the
 * JDK's own Ed25519 provider signing a base of the same size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    /** About the size of the benchmark's ECS answer (100 destinations). */
    @Param("4096")
    public int bodyBytes;

    private byte[] body;
    private byte[] base;
    private KeyPair keys;
    private ResponseSigner signer;

    @Setup
    public void setUp() throws GeneralSecurityException {
        body = new byte[bodyBytes];
        new SplittableRandom(7).nextBytes(body);
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signer = ResponseSigner.builder(keys.getPrivate()).build();
        base = signer.sign(200, "application/alto-endpointcost+json", body).signatureBase().bytes();
    }

    @Benchmark
    public String contentDigest() {
        return ContentDigest.fieldValue(body);
    }

    @Benchmark
    public SignedResponse responseSigner() {
        return signer.sign(200, "application/alto-endpointcost+json", body);
    }

    @Benchmark
    public byte[] jdkEd25519() throws GeneralSecurityException {
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(keys.getPrivate());
        ed25519.update(base);
        return ed25519.sign();
    }
}
