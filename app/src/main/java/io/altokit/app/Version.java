package io.altokit.app;

import picocli.CommandLine;

/** The version from the jar manifest (Implementation-Version), or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"AltoKit " + (version == null ? "development" : version)};
    }
}
