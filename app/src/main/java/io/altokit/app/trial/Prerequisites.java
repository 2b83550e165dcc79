package io.altokit.app.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a trial needs from the machine, checked before anything is created: root, and the tools, named by their Debian package. */
public final class Prerequisites {
    /** Each tool the trial runs and the Debian package that has it. */
    private static final Map<String, String> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("ip", "iproute2");
        TOOLS.put("tc", "iproute2");
        TOOLS.put("bird", "bird2");
        TOOLS.put("aria2c", "aria2");
        TOOLS.put("opentracker", "opentracker");
    }

    private Prerequisites() {
    }

    /** Fails with one line when the trial cannot run here. */
    public static void check() throws IOException {
        checkRoot();
        for (Map.Entry<String, String> tool : TOOLS.entrySet()) {
            if (!onPath(tool.getKey())) {
                throw new TrialException(tool.getKey() + " is missing: apt-get install " + tool.getValue());
            }
        }
        if (!Namespaces.existing().isEmpty()) {
            throw new TrialException("namespaces of another trial exist (" + String.join(", ", Namespaces.existing())
                    + "): wait for it to end, or remove them with alto trial --cleanup");
        }
    }

    /** Fails with one line unless this process runs as root. */
    public static void checkRoot() throws IOException {
        if (!"0".equals(Shell.run("id", "-u").strip())) {
            throw new TrialException("the trial creates network namespaces, which needs root: run it with sudo");
        }
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }
}
