package io.altokit.provision.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the file system says of each watched file at one moment: equal at two moments when no file
 * was written, replaced or removed in between (as far as size, modification time and the file a name
 * points to tell). Symbolic links are followed, so a link switched to another file is a change.
 *
 * @param states per file, empty when it could not be read (gone, say)
 */
record FileStates(Map<Path, Optional<State>> states) {

    /** One file: its size, its modification time, and which file it is ({@code fileKey}: device and inode). */
    record State(long size, FileTime modified, Object fileKey) {}

    FileStates {
        states = Map.copyOf(states);
    }

    static FileStates of(Set<Path> files) {
        Map<Path, Optional<State>> states = new HashMap<>();
        files.forEach(file -> states.put(file, state(file)));
        return new FileStates(states);
    }

    private static Optional<State> state(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new State(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
