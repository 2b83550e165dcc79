package io.altokit.app.trial;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the trial starts {@code alto serve}, {@code alto tracker} and {@code alto peer-proxy} inside its
 * namespaces: this JVM's java and class path with small-heap flags, since a trial runs one proxy per peer.
 */
public record AltoLauncher(List<String> javaCommand) {

    public AltoLauncher {
        javaCommand = List.copyOf(javaCommand);
    }

    /** The {@code alto} of this process. */
    public static AltoLauncher ofThisJvm(String mainClass) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        return new AltoLauncher(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", classPath, mainClass));
    }

    List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of(arguments));
        return command;
    }
}
