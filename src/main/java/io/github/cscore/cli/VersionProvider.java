package io.github.cscore.cli;

import picocli.CommandLine;

/** Reports the version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = CScoreCommand.class.getPackage().getImplementationVersion();
        return new String[] {"cscore " + (version == null ? "development" : version)};
    }
}
