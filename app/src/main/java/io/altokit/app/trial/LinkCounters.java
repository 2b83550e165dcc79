package io.altokit.app.trial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Bytes an interface sent, from the kernel's counters as {@code ip -s -j link} prints them. */
final class LinkCounters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LinkCounters() {
    }

    /** Bytes {@code device} in {@code namespace} has sent since it was created. */
    static long txBytes(String namespace, String device) throws IOException {
        return txBytes(Shell.run("ip", "-n", namespace, "-s", "-j", "link", "show", "dev", device));
    }

    /** The transmitted bytes in one interface's {@code ip -s -j link show} output. */
    static long txBytes(String ipJson) throws IOException {
        JsonNode bytes = JSON.readTree(ipJson).path(0).path("stats64").path("tx").path("bytes");
        if (!bytes.canConvertToLong()) {
            throw new TrialException("no transmitted-bytes counter in the output of ip -s -j link: " + ipJson.strip());
        }
        return bytes.asLong();
    }
}
