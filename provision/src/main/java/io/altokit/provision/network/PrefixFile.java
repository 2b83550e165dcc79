package io.altokit.provision.network;

import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.model.PidNames;
import io.altokit.provision.ProvisioningException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A side file of {@code pid,prefix} lines (docs/configuration.md, {@code prefix-files}), for networks
 * whose prefix lists are too long to keep in the YAML: read line by line into the snapshot builder,
 * without holding the text or a list of the prefixes.
 */
final class PrefixFile {

    private PrefixFile() {
    }

    /**
     * Adds each line's prefix to its PID.
     *
     * @param listed the prefixes assigned so far, each to one PID; this file's are added
     * @param pids the PIDs so far; this file's are added
     * @throws ProvisioningException naming the file and line of every problem (the first 20)
     */
    static void addTo(Snapshot.Builder builder, Path file, String source, Set<PrefixKey> listed, Set<String> pids) {
        Problems problems = new Problems();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#") || number == 1 && text.equals("pid,prefix")) {
                    continue;
                }
                add(builder, text, file + ":" + number + ": ", listed, pids, problems);
            }
        } catch (NoSuchFileException e) {
            throw new ProvisioningException(source + ": prefix-files: " + file + ": no such file");
        } catch (IOException e) {
            throw new ProvisioningException(source + ": prefix-files: " + file + ": cannot read: " + e.getMessage(), e);
        }
        problems.throwIfAny();
    }

    private static void add(Snapshot.Builder builder, String line, String where, Set<PrefixKey> listed, Set<String> pids,
                            Problems problems) {
        int comma = line.indexOf(',');
        if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
            problems.add(where + "expected pid,prefix, got \"" + line + "\"");
            return;
        }
        String pid = line.substring(0, comma).strip();
        if (!PidNames.isValid(pid)) {
            problems.add(where + "invalid PID name \"" + pid + "\": use " + PidNames.RULE);
            return;
        }
        PrefixKey prefix;
        try {
            prefix = PrefixKey.parse(line.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
            return;
        }
        if (!listed.add(prefix)) {
            problems.add(where + prefix + " is listed before, in this file or another, or in network-map");
            return;
        }
        pids.add(pid);
        builder.prefix(pid, prefix.family(), prefix.high(), prefix.low(), prefix.length());
    }
}
