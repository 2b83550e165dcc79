package io.altokit.app;

import io.altokit.model.signing.PemKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.Callable;

/**
 * {@code alto keygen FILE}: a new Ed25519 key pair for signed guidance, the private key in FILE
 * (PKCS#8 PEM, readable by its owner only) for {@code signing.ed25519-private-key}, the public key
 * next to it ({@code .pub.pem}) for clients' {@code --verify-key}. Never overwrites a file.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Create an Ed25519 key pair for signing answers (signing.ed25519-private-key).")
final class KeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Where to write the private key, e.g. signing.pem; "
            + "the public key goes to FILE with .pem replaced by .pub.pem.")
    private Path privateFile;

    @Override
    public Integer call() throws GeneralSecurityException {
        Path publicFile = publicFileFor(privateFile);
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try {
            if (Files.exists(publicFile)) {
                throw new FileAlreadyExistsException(publicFile.toString());
            }
            writePrivate(privateFile, PemKeys.toPem(pair.getPrivate()));
            Files.writeString(publicFile, PemKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("alto keygen: " + e.getFile() + " exists; not overwriting it");
            return 2;
        } catch (NoSuchFileException e) {
            Path directory = Path.of(e.getFile()).toAbsolutePath().getParent();
            spec.commandLine().getErr().println("alto keygen: cannot write " + e.getFile() + ": the directory " + directory
                    + " does not exist");
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println("alto keygen: cannot write the key: " + e);
            return 1;
        }
        spec.commandLine().getOut().printf("private key: %s%npublic key:  %s%nkeyid:       %s%n",
                privateFile, publicFile, PemKeys.thumbprint(pair.getPublic()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static Path publicFileFor(Path privateFile) {
        String name = privateFile.getFileName().toString();
        String base = name.endsWith(".pem") ? name.substring(0, name.length() - ".pem".length()) : name;
        return privateFile.resolveSibling(base + ".pub.pem");
    }

    /** Created readable by the owner only before any key byte is written. */
    private static void writePrivate(Path file, String pem) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }
}
