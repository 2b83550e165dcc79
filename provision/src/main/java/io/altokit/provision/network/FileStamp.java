package io.altokit.provision.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A data file as it was when it was read: its size and modification time, and the SHA-256 of the
 * bytes read. A file whose size and modification time are still the stamp's is taken as unchanged
 * without being read (as git and rsync do); one whose content hashes alike is unchanged too, though
 * it was touched or written over with the same bytes. As in git, a file modified just before it was
 * stamped may be written again within the file system's timestamp granularity, same size and same
 * time: such a stamp is not trusted by size and time, the file is hashed again until it settles.
 *
 * @param sha256 lower-case hex
 * @param settled modified well before the stamp was taken, so size and time tell a later change
 */
record FileStamp(long size, FileTime modified, String sha256, boolean settled) {

    /** Far above any file system's timestamp granularity (ext4 and tmpfs: a clock tick, some milliseconds). */
    private static final Duration SETTLING = Duration.ofSeconds(2);

    /** What the file system says of a file now, taken before reading it so that a later write shows as a change. */
    record Stat(long size, FileTime modified) {

        /** @throws UncheckedIOException if the file cannot be read; {@code NoSuchFileException} as its cause when it is gone */
        static Stat of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stat(attributes.size(), attributes.lastModifiedTime());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The stamp of the bytes hashed to {@code sha256}, read after this was taken. */
        FileStamp with(String sha256) {
            return new FileStamp(size, modified, sha256, modified.toInstant().isBefore(Instant.now().minus(SETTLING)));
        }
    }

    /** Whether the file, as {@code now} describes it, is the one stamped, by size and time alone. */
    boolean matches(Stat now) {
        return settled && size == now.size() && modified.equals(now.modified());
    }

    /** Whether the two stamp the same content. */
    boolean sameContent(FileStamp other) {
        return sha256.equals(other.sha256);
    }

    /** The stamp of {@code file} now: {@code previous} if its size and time are unchanged, else after hashing its bytes. */
    static FileStamp of(Path file, Optional<FileStamp> previous) {
        Stat stat = Stat.of(file);
        if (previous.isPresent() && previous.get().matches(stat)) {
            return previous.get();
        }
        try (Hashing in = new Hashing(Files.newInputStream(file))) {
            in.transferTo(OutputStream.nullOutputStream());
            return stat.with(in.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream that hashes what is read through it. */
    static final class Hashing extends DigestInputStream {

        Hashing(InputStream in) {
            super(in, sha256Digest());
        }

        /** The hash of every byte read so far; call once, after reading to the end. */
        String sha256() {
            return HexFormat.of().formatHex(getMessageDigest().digest());
        }

        private static MessageDigest sha256Digest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform must provide SHA-256", e);
            }
        }
    }

    /** Whether {@code e} (from {@link Stat#of} or {@link #of}) says the file does not exist. */
    static boolean isMissing(UncheckedIOException e) {
        return e.getCause() instanceof NoSuchFileException;
    }
}
